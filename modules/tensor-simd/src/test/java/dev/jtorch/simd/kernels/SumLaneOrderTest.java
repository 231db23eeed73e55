package dev.jtorch.simd.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The float32 row sums add their double lanes in one fixed order, bit for bit, at every JIT tier: each call is checked
 * against a scalar model of the kernel's accumulators (which element goes to which accumulator and lane, lanes added in
 * lane order) while enough calls run for C2 to compile the kernels. (Lanes added in reverse fail it; reduceLanes(ADD)
 * passes it on an AVX2 machine, whose C2 happens to reduce 4 double lanes in order, and promises no order elsewhere.)
 */
class SumLaneOrderTest {
    private static final int F = SimdMath.F.length(), H = F / 2;

    @Test
    void floatRowSumsHaveOneOrder() {
        Random rnd = new Random(6);
        int[] lengths = {1, H, F + 3, 2 * F, 4 * F + 5, 1000, 70_003}; // 70,003: the four-stream head, then the rest
        float[][] rows = new float[lengths.length][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = new float[lengths[k]];
            for (int i = 0; i < lengths[k]; i++) rows[k][i] = (float) (rnd.nextGaussian() * Math.exp(rnd.nextGaussian() * 4));
        }
        for (int rep = 0; rep < 3000; rep++) {
            for (float[] x : rows) {
                int n = rep % 50 == 0 || x.length < 1000 ? x.length : 0; // the long rows now and then
                if (n == 0) continue;
                assertEquals(Double.doubleToLongBits(model(x, n)), Double.doubleToLongBits(SimdReduceRows.sumFloats(x, 0, n)),
                        "n " + n + ", call " + rep);
            }
        }
    }

    @Test
    void fourRowsSideBySideHaveOneOrder() {
        Random rnd = new Random(7);
        // magnitudes spread over many binades and long rows: floats added in double are exact until the terms' span
        // outgrows 53 bits, and only then does the order of the lanes show in the bits
        int n = 256 * F + 5, gap = n + 11;
        float[] x = new float[3 * gap + n];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextGaussian() * Math.exp(rnd.nextGaussian() * 8));
        double[] acc = new double[4];
        for (int rep = 0; rep < 3000; rep++) {
            SimdReduceRows.sumFloatRows4(x, 0, gap, n, acc, 0, 1);
            for (int r = 0; r < 4; r++) {
                double[][] a = new double[2][H];
                int i = 0;
                for (; i + F <= n; i += F) for (int l = 0; l < F; l++) a[l / H][l % H] += x[r * gap + i + l];
                double want = lanes(add(a[0], a[1]));
                for (; i < n; i++) want += x[r * gap + i];
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(acc[r]), "row " + r + ", call " + rep);
            }
        }
    }

    /** SimdReduceRows.sumFloats in scalar code. */
    private static double model(float[] x, int n) {
        int q = n >= (1 << 16) ? n / 4 / F * F : 0;
        double head = 0;
        if (q > 0) {
            double[][] a = new double[8][H];
            for (int j = 0; j < q; j += F) {
                for (int s = 0; s < 4; s++) for (int l = 0; l < F; l++) a[2 * s + l / H][l % H] += x[s * q + j + l];
            }
            head = lanes(add(add(add(a[0], a[1]), add(a[2], a[3])), add(add(a[4], a[5]), add(a[6], a[7]))));
        }
        double[][] a = new double[4][H];
        int i = 4 * q;
        for (; i + 2 * F <= n; i += 2 * F) for (int l = 0; l < 2 * F; l++) a[l / H][l % H] += x[i + l];
        double r = lanes(add(add(a[0], a[1]), add(a[2], a[3])));
        for (; i < n; i++) r += x[i];
        return head + r;
    }

    private static double[] add(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int l = 0; l < a.length; l++) c[l] = a[l] + b[l];
        return c;
    }

    private static double lanes(double[] v) {
        double r = 0;
        for (double d : v) r += d;
        return r;
    }
}

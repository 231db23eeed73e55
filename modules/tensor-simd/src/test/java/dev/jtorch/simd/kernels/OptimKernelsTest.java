package dev.jtorch.simd.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The Vector API optimizer loops equal their scalar twins bit for bit, at every length from 0 to 3 x lanes + 1 and offset. */
class OptimKernelsTest {
    @Test
    void addScaledSimdEqualsScalar() {
        int lanes = SimdMath.F.length();
        Random r = new Random(5);
        for (int n = 0; n <= 3 * lanes + 1; n++) {
            for (int off = 0; off < 3; off++) {
                float[] s = new float[n + off], t = new float[n + off];
                for (int i = 0; i < s.length; i++) { s[i] = (float) r.nextGaussian(); t[i] = (float) r.nextGaussian(); }
                float[] s2 = s.clone();
                OptimKernels.addScaledScalar(s, off, t, off, n, -0.1f);
                OptimKernels.addScaledSimd(s2, off, t, off, n, -0.1f);
                assertArrayEquals(s, s2, 0f, "n=" + n + " off=" + off);
            }
        }
    }

    @Test
    void adamSimdEqualsScalar() {
        int lanes = SimdMath.F.length();
        Random r = new Random(3);
        var c = OptimKernels.Adam.of(0.9, 0.999, 0.01 / (1 - 0.9), Math.sqrt(1 - 0.999), 1e-8);
        for (int n = 0; n <= 3 * lanes + 1; n++) {
            for (int off = 0; off < 3; off++) {
                float[][] a = new float[4][n + off], b = new float[4][];
                for (float[] x : a) for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
                for (int i = 0; i < n + off; i++) a[3][i] = Math.abs(a[3][i]); // exp_avg_sq is never negative
                for (int k = 0; k < 4; k++) b[k] = a[k].clone();
                OptimKernels.adamScalar(a[0], off, a[1], off, a[2], off, a[3], off, n, c);
                OptimKernels.adamSimd(b[0], off, b[1], off, b[2], off, b[3], off, n, c);
                for (int k = 0; k < 4; k++) assertArrayEquals(a[k], b[k], 0f, "n=" + n + " off=" + off + " array " + k);
            }
        }
    }
}

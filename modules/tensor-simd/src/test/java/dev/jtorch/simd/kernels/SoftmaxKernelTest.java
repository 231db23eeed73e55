package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * softmax and log-softmax: the Vector API rows (float32, last dim) against the reference loops over row lengths
 * 0..3×lanes+1, three rows at an offset, and on 3 threads (the bits of 1); the reference against PyTorch 1.13's
 * printed outputs for rows holding ±inf, NaN or extreme values (both kernels); along a middle dim (float32 by column
 * blocks against the reference, float64 against the definition).
 */
class SoftmaxKernelTest {
    @TestFactory
    List<DynamicTest> simdRowsMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        int lanes = SimdMath.F.length();
        for (boolean log : new boolean[]{false, true}) {
            tests.add(DynamicTest.dynamicTest(log ? "log_softmax" : "softmax", () -> {
                Random rnd = new Random(log ? 2 : 1);
                for (int n = 0; n <= 3 * lanes + 1; n++) {
                    Strided x = Host.allocate(DType.FLOAT32, new long[]{3 * n + 2});
                    float[] a = (float[]) Host.array(x);
                    // spreads of 6 and of 100 (exp overflows unless the true maximum is subtracted)
                    for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextGaussian() * (n % 2 == 0 ? 6 : 100));
                    Strided in = x.withLayout(new long[]{3, n}, new long[]{n, 1}, 2);
                    float[] got = run(in, 1, log, 1, true), want = run(in, 1, log, 1, false);
                    for (int i = 0; i < got.length; i++) {
                        double tol = log ? 2e-6 * (1 + Math.abs(want[i])) : 2e-6 * Math.max(Math.abs(want[i]), 1e-6);
                        int at = i, len = n;
                        assertTrue(Math.abs(got[i] - want[i]) <= tol, () -> "n " + len + " at " + at + ": " + got[at] + " vs " + want[at]);
                    }
                }
            }));
        }
        return tests;
    }

    /** Large enough (3 x {@link Parallel#GRAIN} elements and more) that 3 threads do take a part each. */
    @Test
    void threeThreadsGiveTheBitsOfOne() {
        Random rnd = new Random(3);
        Strided in = Host.allocate(DType.FLOAT32, new long[]{1200, 333});
        float[] a = (float[]) Host.array(in);
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        for (boolean log : new boolean[]{false, true}) assertArrayEquals(run(in, 1, log, 1, true), run(in, 1, log, 3, true));
    }

    /**
     * Along dim 0 of a matrix (one outer slice, whose columns are cut into narrower blocks for the threads) and dim 1
     * of a 3-d tensor (blocks per outer slice): 3 threads give the bits of 1; sizes of 3 x {@link Parallel#GRAIN}
     * elements and more, so that each thread takes a part.
     */
    @Test
    void columnsOnThreeThreadsGiveTheBitsOfOne() {
        Random rnd = new Random(5);
        for (long[] shape : new long[][]{{50, 8200}, {2, 50, 4100}}) {
            Strided in = Host.allocate(DType.FLOAT32, shape);
            float[] a = (float[]) Host.array(in);
            for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian() * 10;
            int dim = shape.length - 2;
            for (boolean log : new boolean[]{false, true}) {
                float[] one = run(in, dim, log, 1, true);
                assertArrayEquals(one, run(in, dim, log, 3, true), java.util.Arrays.toString(shape) + " dim " + dim);
                float[] want = run(in, dim, log, 1, false);
                for (int i = 0; i < one.length; i += 97) {
                    double tol = log ? 2e-6 * (1 + Math.abs(want[i])) : 2e-6 * Math.max(Math.abs(want[i]), 1e-6);
                    assertTrue(Math.abs(one[i] - want[i]) <= tol, "at " + i + ": " + one[i] + " vs " + want[i]);
                }
            }
        }
    }

    /**
     * The middle pass's sum is lane sums added lane by lane in a fixed order, bit for bit: a reduceLanes(ADD) there
     * gave other bits once C2 compiled it (the order is free for floats), and a training run then depended on when
     * the JIT got to the kernel.
     */
    @Test
    void theRowSumHasOneOrder() {
        int lanes = SimdMath.F.length();
        Random rnd = new Random(4);
        // enough calls for C2 to compile the kernel while the checks go on
        for (int rep = 0; rep < 2000; rep++) for (int n = 1; n <= 5 * lanes + 3; n++) {
            float[] x = new float[n], y = new float[n];
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) max = Math.max(max, x[i] = (float) rnd.nextGaussian() * 3);
            float[] nextMax = new float[1];
            float sum = SimdFloatRows.expShiftedSum(x, 0, max, y, 0, n, 0, nextMax);
            assertEquals(max, nextMax[0], "n " + n); // the row passed as its own next one
            float[] lane = new float[lanes];
            for (int i = 0; i < n; i++) lane[i % lanes] += y[i];
            float want = 0;
            for (float v : lane) want += v;
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(sum), "n " + n);
        }
    }

    /** Rows printed by torch.softmax / torch.log_softmax (PyTorch 1.13) for these inputs. */
    @Test
    void specialValuesAsPyTorch() {
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        float[][] rows = {{inf, 1, 2}, {-inf, -inf, -inf}, {-inf, 1, 2}, {nan, 1, 2}, {inf, inf, 1}, {1e30f, 1, -1e30f}};
        float[][] soft = {{nan, nan, nan}, {nan, nan, nan}, {0, 0.26894142f, 0.7310586f}, {nan, nan, nan}, {nan, nan, nan}, {1, 0, 0}};
        float[][] logs = {{nan, nan, nan}, {nan, nan, nan}, {-inf, -1.3132617f, -0.31326166f}, {nan, nan, nan}, {nan, nan, nan},
                {0, -1e30f, -2e30f}};
        Strided in = Host.allocate(DType.FLOAT32, new long[]{rows.length, 3});
        float[] a = (float[]) Host.array(in);
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, a, 3 * r, 3);
        for (boolean simd : new boolean[]{true, false}) {
            float[] s = run(in, 1, false, 1, simd), l = run(in, 1, true, 1, simd);
            for (int r = 0; r < rows.length; r++) {
                for (int j = 0; j < 3; j++) {
                    String what = (simd ? "simd" : "scalar") + " row " + r + " column " + j;
                    assertEquals(soft[r][j], s[3 * r + j], 1e-6f, "softmax " + what);
                    float tol = Float.isFinite(logs[r][j]) ? Math.abs(logs[r][j]) * 1e-6f + 1e-6f : 0f; // NaN and -inf exactly
                    assertEquals(logs[r][j], l[3 * r + j], tol, "log_softmax " + what);
                }
            }
        }
    }

    /**
     * Rows long enough for whole vectors, one after another, so that each row's maximum is the one gathered while
     * the row before it went through the exp: rows holding +inf, NaN or only -inf (in the vector part or in the
     * tail), after and before ordinary rows whose maxima differ by hundreds (a wrong maximum overflows the exp).
     */
    @Test
    void rowsAfterRowsWithSpecialValuesAsTheReference() {
        int lanes = SimdMath.F.length();
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        for (int n : new int[]{2 * lanes, 2 * lanes + 3}) {
            float[][] specials = {{inf, 0}, {nan, 1}, {inf, n - 1}, {nan, n - 1}, {-inf, -1}};
            int rows = 2 * specials.length + 1;
            Strided in = Host.allocate(DType.FLOAT32, new long[]{rows, n});
            float[] a = (float[]) Host.array(in);
            Random rnd = new Random(n);
            for (int r = 0; r < rows; r++) {
                float shift = (r % 3 - 1) * 300f;
                for (int i = 0; i < n; i++) a[r * n + i] = shift + (float) rnd.nextGaussian() * 20;
                if (r % 2 == 1) {
                    float[] sp = specials[r / 2];
                    if (sp[1] < 0) java.util.Arrays.fill(a, r * n, (r + 1) * n, sp[0]);
                    else a[r * n + (int) sp[1]] = sp[0];
                }
            }
            for (boolean log : new boolean[]{false, true}) {
                float[] got = run(in, 1, log, 1, true), want = run(in, 1, log, 1, false);
                for (int i = 0; i < got.length; i++) {
                    double tol = log ? 2e-6 * (1 + Math.abs(want[i])) : 2e-6 * Math.max(Math.abs(want[i]), 1e-6);
                    int at = i, len = n;
                    boolean same = Float.isNaN(want[i]) ? Float.isNaN(got[i]) : Math.abs(got[i] - want[i]) <= tol || got[i] == want[i];
                    assertTrue(same, () -> (log ? "log_softmax" : "softmax") + " n " + len + " row " + at / len + " column "
                            + at % len + ": " + got[at] + " vs " + want[at]);
                }
            }
        }
    }

    /**
     * float32 along a dim that is not the last (vectors across the columns, blocks of {@link SimdSoftmax#COLUMNS}):
     * against the reference for inner sizes around the lane count and the block width, with spreads of 100 and a
     * few +inf, NaN and -inf entries.
     */
    @Test
    void columnsAsTheReference() {
        int lanes = SimdMath.F.length();
        for (int inner : new int[]{2, lanes - 1, lanes, 3 * lanes + 1, SimdSoftmax.COLUMNS + lanes + 1}) {
            for (int n : new int[]{1, 2, 5}) {
                Random rnd = new Random(31L * inner + n);
                Strided in = Host.allocate(DType.FLOAT32, new long[]{3, n, inner});
                float[] a = (float[]) Host.array(in);
                for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextGaussian() * 100);
                float[] specials = {Float.POSITIVE_INFINITY, Float.NaN, Float.NEGATIVE_INFINITY};
                for (int s = 0; s < 3 && a.length > 6; s++) a[rnd.nextInt(a.length)] = specials[s];
                for (boolean log : new boolean[]{false, true}) {
                    float[] got = run(in, 1, log, 1, true), want = run(in, 1, log, 1, false);
                    for (int i = 0; i < got.length; i++) {
                        double tol = log ? 2e-6 * (1 + Math.abs(want[i])) : 2e-6 * Math.max(Math.abs(want[i]), 1e-6);
                        int at = i, len = n, width = inner;
                        boolean same = Float.isNaN(want[i]) ? Float.isNaN(got[i]) : got[i] == want[i] || Math.abs(got[i] - want[i]) <= tol;
                        assertTrue(same, () -> (log ? "log_softmax" : "softmax") + " [3, " + len + ", " + width + "] at " + at + ": "
                                + got[at] + " vs " + want[at]);
                    }
                }
            }
        }
    }

    /** Along the middle dim of [2, 3, 2]: each (outer, inner) column is its own row; float64. */
    @Test
    void middleDimInFloat64() {
        Strided in = Host.allocate(DType.FLOAT64, new long[]{2, 3, 2});
        double[] a = (double[]) Host.array(in);
        for (int i = 0; i < a.length; i++) a[i] = i * 0.7 - 3;
        Strided out = Host.allocate(DType.FLOAT64, new long[]{2, 3, 2});
        SoftmaxKernels.softmax(in, 1, false, out, 1, true);
        double[] y = (double[]) Host.array(out);
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 2; i++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) sum += Math.exp(a[o * 6 + k * 2 + i]);
                for (int k = 0; k < 3; k++) assertEquals(Math.exp(a[o * 6 + k * 2 + i]) / sum, y[o * 6 + k * 2 + i], 1e-15);
            }
        }
    }

    private static float[] run(Strided in, int dim, boolean log, int threads, boolean simd) {
        Strided out = Host.allocate(DType.FLOAT32, in.shape());
        SoftmaxKernels.softmax(in, dim, log, out, threads, simd);
        return (float[]) Host.array(out);
    }
}

package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * threshold_backward (ReLU's gradient), Vector API against the scalar kernel and against the definition
 * {@code self <= t ? 0 : grad}: float32 and float64, lengths 0..3×lanes+1, grad and self each in every layout (strided,
 * broadcast, transposed), NaN, infinities and signed zeros in both, thresholds 0 and 0.5.
 */
class ThresholdBackwardKernelTest {
    @TestFactory
    List<DynamicTest> simdMatchesScalarAndTheDefinition() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            int lanes = t == DType.FLOAT32 ? SimdMath.F.length() : SimdMath.D.length();
            for (Layout gradLayout : Layout.values()) {
                // self contiguous, and self in grad's own layout (once when that is contiguous too)
                for (Layout selfLayout : java.util.Set.copyOf(List.of(Layout.CONTIGUOUS, gradLayout))) {
                    tests.add(DynamicTest.dynamicTest(t.pyName() + " grad " + gradLayout + " self " + selfLayout, () -> {
                        for (int n = 0; n <= 3 * lanes + 1; n++) {
                            for (double threshold : new double[]{0, 0.5}) {
                                check(t, gradLayout, selfLayout, n, threshold);
                            }
                        }
                    }));
                }
            }
        }
        return tests;
    }

    private static void check(DType t, Layout gradLayout, Layout selfLayout, int n, double threshold) {
        Strided grad = gradLayout.operand(t, n, 11L * n + 1);
        // self in its own layout over the grad layout's shape (the two layouts share shapes only when equal)
        Strided self = selfLayout == gradLayout ? selfLayout.operand(t, n, 7L * n + 3) : gradLayout.plain(t, n, 7L * n + 3);
        long[] shape = gradLayout.shape(n);
        Strided simd = HostStorageOut.of(t, shape), scalar = HostStorageOut.of(t, shape);
        new SimdKernels(() -> 1).thresholdBackward(grad, self, threshold, simd);
        new ScalarKernels().thresholdBackward(grad, self, threshold, scalar);
        double[] g = Layout.values(grad), s = Layout.values(self), a = Layout.values(simd), b = Layout.values(scalar);
        double th = t == DType.FLOAT32 ? (float) threshold : threshold;
        for (int i = 0; i < g.length; i++) {
            double want = s[i] <= th ? 0 : g[i];
            String at = t.pyName() + " n=" + n + " element " + i + " self " + s[i] + " grad " + g[i] + " threshold " + threshold;
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(b[i]), "scalar " + at);
            assertEquals(Double.doubleToRawLongBits(b[i]), Double.doubleToRawLongBits(a[i]), "simd " + at);
        }
    }

    /** A fresh contiguous output filled with NaN, so that an element the kernel skips shows. */
    private static final class HostStorageOut {
        static Strided of(DType t, long[] shape) {
            int n = (int) Layout.numel(shape);
            HostStorage h = HostStorage.allocate(t, n);
            if (t == DType.FLOAT32) java.util.Arrays.fill((float[]) h.array(), Float.NaN); else java.util.Arrays.fill((double[]) h.array(), Double.NaN);
            return new Strided(h, t, shape, Strided.contiguousStrides(shape), 0);
        }
    }
}

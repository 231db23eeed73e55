package dev.jtorch.simd.gemm;

import dev.jtorch.spi.Strided;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The plain triple loop: one dot product per output element, summed in the compute type in order
 * of k. Used when SIMD is switched off, for int64, and by the tests as the reference. Reads and
 * writes every operand through its segment, so it handles heap and native storage alike.
 */
final class ReferenceGemm {
    private ReferenceGemm() {}

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    /** Shapes are validated by {@link Gemm}; rows {@code [m0, m1)} x columns {@code [n0, n1)} of out[batch] only. */
    static void matmul(Strided a, Strided bm, Strided out, long batch, int m0, int m1, int n0, int n1) {
        int k = (int) a.shape()[2];
        MatrixView av = MatrixView.of(a, batch, Void.class); // Void: always use the segment
        MatrixView bv = MatrixView.of(bm, batch, Void.class);
        MatrixView cv = MatrixView.of(out, batch, Void.class);
        MemorySegment as = av.segment(), bs = bv.segment(), cs = cv.segment();
        switch (a.dtype()) {
            case FLOAT32 -> {
                for (int i = m0; i < m1; i++) {
                    for (int j = n0; j < n1; j++) {
                        float sum = 0f;
                        for (int p = 0; p < k; p++) {
                            sum += as.getAtIndex(F32, av.index(i, p)) * bs.getAtIndex(F32, bv.index(p, j));
                        }
                        cs.setAtIndex(F32, cv.index(i, j), sum);
                    }
                }
            }
            case FLOAT64 -> {
                for (int i = m0; i < m1; i++) {
                    for (int j = n0; j < n1; j++) {
                        double sum = 0.0;
                        for (int p = 0; p < k; p++) {
                            sum += as.getAtIndex(F64, av.index(i, p)) * bs.getAtIndex(F64, bv.index(p, j));
                        }
                        cs.setAtIndex(F64, cv.index(i, j), sum);
                    }
                }
            }
            case INT64 -> {
                for (int i = m0; i < m1; i++) {
                    for (int j = n0; j < n1; j++) {
                        long sum = 0L; // wraps on overflow, as PyTorch's int64 matmul does
                        for (int p = 0; p < k; p++) {
                            sum += as.getAtIndex(I64, av.index(i, p)) * bs.getAtIndex(I64, bv.index(p, j));
                        }
                        cs.setAtIndex(I64, cv.index(i, j), sum);
                    }
                }
            }
            default -> throw new IllegalArgumentException("matmul: unsupported dtype " + a.dtype());
        }
    }
}

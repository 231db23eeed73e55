package dev.jtorch.simd.gemm;

import jdk.incubator.vector.DoubleVector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

import static dev.jtorch.simd.gemm.Float64Kernel.LANES;
import static dev.jtorch.simd.gemm.Float64Kernel.MR;
import static dev.jtorch.simd.gemm.Float64Kernel.NR;
import static dev.jtorch.simd.gemm.Float64Kernel.SPECIES;

/**
 * Copies blocks of A and B into the order the float64 micro-kernel streams through. This is where
 * any input layout (row-major, transposed, broadcast, native) becomes one packed layout. Heap arrays
 * take fast paths for the common layouts; everything else goes element by element.
 */
// Mirrors Float32Pack with double for float, except the 8x8 register transposes (SimdTranspose is float32 only):
// here a row-major A and a transposed B are copied element by element, and a B broadcast along n (column stride 0)
// takes packPanel's general loop instead of a fill. Change the two together.
final class Float64Pack {
    private Float64Pack() {}

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /**
     * A[i0..i0+mc, p0..p0+kc] into MR-row panels, k-major: element (r, p) of panel q lands at
     * {@code q*MR*kc + p*MR + r % MR}; rows past mc are zero (see Float32Pack).
     */
    static void packA(MatrixView a, int i0, int mc, int p0, int kc, double[] dst) {
        if (a.array() instanceof double[] src) {
            packA(src, (int) a.index(i0, p0), (int) a.rowStride(), (int) a.colStride(), mc, kc, dst);
            return;
        }
        MemorySegment seg = a.segment();
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            for (int p = 0, d = ir * kc; p < kc; p++, d += MR) {
                for (int r = 0; r < MR; r++) dst[d + r] = r < mr ? seg.getAtIndex(F64, a.index(i0 + ir + r, p0 + p)) : 0.0;
            }
        }
    }

    // Strides are cast to int: inside a heap array every index used fits, and the stride of a
    // size-1 dimension, which may be anything, is only ever multiplied by 0.
    private static void packA(double[] src, int base, int rs, int cs, int mc, int kc, double[] dst) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int panel = ir * kc;
            int s0 = base + ir * rs;
            if (mr < MR) Arrays.fill(dst, panel, panel + MR * kc, 0.0);
            if (rs == 1 && mr == MR) { // transposed A: the MR values of a k step are already side by side
                for (int p = 0, s = s0, d = panel; p < kc; p++, s += cs, d += MR) System.arraycopy(src, s, dst, d, MR);
            } else { // row-major A read row by row in runs; any other strides (a broadcast along k too) the same way
                for (int r = 0; r < mr; r++) {
                    for (int p = 0, s = s0 + r * rs, d = panel + r; p < kc; p++, s += cs, d += MR) dst[d] = src[s];
                }
            }
        }
    }

    /**
     * B[p0..p0+kc, j0..j0+nc] into NR-column panels in {@code dst} (native memory, see Float64Gemm's Workspace): element
     * (p, j) of panel q lands at double {@code q*NR*kc + p*NR + j}; columns past nc are zero. Row-major B goes straight
     * in, vector by vector; every other layout builds each panel in the heap array {@code panel} (kc x NR) and copies
     * it over (see Float32Pack.packB).
     */
    static void packB(MatrixView b, int p0, int kc, int j0, int nc, MemorySegment dst, double[] panel) {
        if (b.array() instanceof double[] src) {
            packB(src, (int) b.index(p0, j0), (int) b.rowStride(), (int) b.colStride(), kc, nc, dst, panel);
            return;
        }
        MemorySegment seg = b.segment();
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int p = 0; p < kc; p++) {
                long d = (long) jr * kc + p * NR;
                for (int j = 0; j < NR; j++) dst.setAtIndex(F64, d + j, j < nr ? seg.getAtIndex(F64, b.index(p0 + p, j0 + jr + j)) : 0.0);
            }
        }
    }

    private static void packB(double[] src, int base, int rs, int cs, int kc, int nc, MemorySegment dst, double[] panel) {
        int from = 0;
        if (cs == 1) {
            // Row-major B: the full panels row by row, so that each row of B is read as one sequential run
            from = nc / NR * NR;
            for (int p = 0, s = base; p < kc; p++, s += rs) {
                for (int jr = 0, d = p * NR; jr < from; jr += NR, d += NR * kc) {
                    for (int v = 0; v < NR; v += LANES) {
                        DoubleVector.fromArray(SPECIES, src, s + jr + v).intoMemorySegment(dst, (long) (d + v) * Double.BYTES, ORDER);
                    }
                }
            }
        }
        for (int jr = from; jr < nc; jr += NR) {
            packPanel(src, base + jr * cs, rs, cs, kc, Math.min(NR, nc - jr), panel);
            MemorySegment.copy(panel, 0, dst, F64, (long) jr * kc * Double.BYTES, kc * NR);
        }
    }

    /** One NR-column panel of B (nr real columns from {@code src[s0]}) into {@code dst[0 .. kc*NR]}, zero past nr. */
    private static void packPanel(double[] src, int s0, int rs, int cs, int kc, int nr, double[] dst) {
        if (rs == 1) { // transposed B (x @ W.T): read each column along k
            for (int j = 0; j < NR; j++) {
                int d = j;
                if (j < nr) {
                    int s = s0 + j * cs;
                    for (int p = 0; p < kc; p++, d += NR) dst[d] = src[s + p];
                } else {
                    for (int p = 0; p < kc; p++, d += NR) dst[d] = 0.0;
                }
            }
        } else {
            for (int p = 0, d = 0; p < kc; p++, d += NR) {
                int s = s0 + p * rs;
                for (int j = 0; j < NR; j++) dst[d + j] = j < nr ? src[s + j * cs] : 0.0;
            }
        }
    }
}

package dev.jtorch.simd.gemm;

import dev.jtorch.simd.kernels.SimdTranspose;
import jdk.incubator.vector.FloatVector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

import static dev.jtorch.simd.gemm.Float32Kernel.LANES;
import static dev.jtorch.simd.gemm.Float32Kernel.MR;
import static dev.jtorch.simd.gemm.Float32Kernel.NR;
import static dev.jtorch.simd.gemm.Float32Kernel.SPECIES;

/**
 * Copies blocks of A and B into the order the float32 micro-kernel streams through. This is where
 * any input layout (row-major, transposed, broadcast, native) becomes one packed layout. Heap arrays
 * take fast paths for the common layouts; everything else goes element by element.
 */
final class Float32Pack {
    private Float32Pack() {}

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /**
     * A[i0..i0+mc, p0..p0+kc] into MR-row panels, k-major: element (r, p) of panel q lands at
     * {@code q*MR*kc + p*MR + r % MR}; rows past mc are zero. The micro-kernel then finds the MR values
     * of one k step side by side behind a single index, so each broadcast is one load with no address
     * arithmetic, instead of MR row pointers that each cost the k loop an extra instruction.
     */
    static void packA(MatrixView a, int i0, int mc, int p0, int kc, float[] dst) {
        if (a.array() instanceof float[] src) {
            packA(src, (int) a.index(i0, p0), (int) a.rowStride(), (int) a.colStride(), mc, kc, dst);
            return;
        }
        MemorySegment seg = a.segment();
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            for (int p = 0, d = ir * kc; p < kc; p++, d += MR) {
                for (int r = 0; r < MR; r++) dst[d + r] = r < mr ? seg.getAtIndex(F32, a.index(i0 + ir + r, p0 + p)) : 0f;
            }
        }
    }

    // Strides are cast to int: inside a heap array every index used fits, and the stride of a
    // size-1 dimension, which may be anything, is only ever multiplied by 0.
    private static void packA(float[] src, int base, int rs, int cs, int mc, int kc, float[] dst) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int panel = ir * kc;
            int s0 = base + ir * rs;
            if (mr < MR) Arrays.fill(dst, panel, panel + MR * kc, 0f);
            if (rs == 1 && mr == MR) { // transposed A: the MR values of a k step are already side by side
                for (int p = 0, s = s0, d = panel; p < kc; p++, s += cs, d += MR) System.arraycopy(src, s, dst, d, MR);
            } else if (cs == 1 && MR == SimdTranspose.B && SimdTranspose.ENABLED) {
                // row-major A: each 8 x 8 block of the panel is a transposed 8 x 8 block of A, through registers
                // (2048²: packing went from 13% of the product's samples to 3%)
                SimdTranspose.transpose(src, s0, rs, dst, panel, MR, kc, mr);
            } else { // row-major A read row by row in runs; any other strides (a broadcast along k too) the same way
                for (int r = 0; r < mr; r++) {
                    for (int p = 0, s = s0 + r * rs, d = panel + r; p < kc; p++, s += cs, d += MR) dst[d] = src[s];
                }
            }
        }
    }

    /**
     * B[p0..p0+kc, j0..j0+nc] into NR-column panels in {@code dst} (native memory, see Float32Gemm's Workspace):
     * element (p, j) of panel q lands at float {@code q*NR*kc + p*NR + j}; columns past nc are zero. Row-major B goes
     * straight in, vector by vector; every other layout builds each panel in the heap array {@code panel} (kc x NR) with
     * the array code paths and copies it over. That copy shows in small products with a transposed B, whose packing
     * is a large share of the work (2026-11-24, 1 thread: 64 x 256 @ (128 x 256)^T 27-30 -> 30-34 µs, while
     * 64 x 784 @ (256 x 784)^T went 173-193 -> 165-182 µs with the aligned kernel).
     */
    static void packB(MatrixView b, int p0, int kc, int j0, int nc, MemorySegment dst, float[] panel) {
        if (b.array() instanceof float[] src) {
            packB(src, (int) b.index(p0, j0), (int) b.rowStride(), (int) b.colStride(), kc, nc, dst, panel);
            return;
        }
        MemorySegment seg = b.segment();
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int p = 0; p < kc; p++) {
                int d = jr * kc + p * NR;
                for (int j = 0; j < NR; j++) dst.setAtIndex(F32, d + j, j < nr ? seg.getAtIndex(F32, b.index(p0 + p, j0 + jr + j)) : 0f);
            }
        }
    }

    private static void packB(float[] src, int base, int rs, int cs, int kc, int nc, MemorySegment dst, float[] panel) {
        int from = 0;
        if (cs == 1) {
            // Row-major B: the full panels row by row, so that each row of B is read as one sequential run
            // (panel by panel, every panel touches all kc rows: kc interleaved streams the prefetcher loses).
            from = nc / NR * NR;
            for (int p = 0, s = base; p < kc; p++, s += rs) {
                for (int jr = 0, d = p * NR; jr < from; jr += NR, d += NR * kc) {
                    for (int v = 0; v < NR; v += LANES) {
                        FloatVector.fromArray(SPECIES, src, s + jr + v).intoMemorySegment(dst, (long) (d + v) * Float.BYTES, ORDER);
                    }
                }
            }
        }
        for (int jr = from; jr < nc; jr += NR) {
            packPanel(src, base + jr * cs, rs, cs, kc, Math.min(NR, nc - jr), panel);
            MemorySegment.copy(panel, 0, dst, F32, (long) jr * kc * Float.BYTES, kc * NR);
        }
    }

    /** One NR-column panel of B (nr real columns from {@code src[s0]}) into {@code dst[0 .. kc*NR]}, zero past nr. */
    private static void packPanel(float[] src, int s0, int rs, int cs, int kc, int nr, float[] dst) {
        if (cs == 0) { // broadcast along n (an expanded gradient): each step of k is one value
            for (int p = 0, d = 0; p < kc; p++, d += NR) {
                Arrays.fill(dst, d, d + nr, src[s0 + p * rs]);
                if (nr < NR) Arrays.fill(dst, d + nr, d + NR, 0f);
            }
        } else if (rs == 1 && nr == NR && SimdTranspose.ENABLED) {
            // transposed B (x @ W.T, the weight gradient's cols^T): 8×8 blocks through registers, then
            // the last kc % 8 steps of k element by element
            int kc8 = kc & -SimdTranspose.B;
            SimdTranspose.blocks(src, s0, cs, dst, 0, NR, kc8, NR);
            for (int p = kc8; p < kc; p++) {
                for (int j = 0; j < NR; j++) dst[p * NR + j] = src[s0 + j * cs + p];
            }
        } else if (rs == 1) { // transposed B: read each column along k
            for (int j = 0; j < NR; j++) {
                int d = j;
                if (j < nr) {
                    int s = s0 + j * cs;
                    for (int p = 0; p < kc; p++, d += NR) dst[d] = src[s + p];
                } else {
                    for (int p = 0; p < kc; p++, d += NR) dst[d] = 0f;
                }
            }
        } else {
            for (int p = 0, d = 0; p < kc; p++, d += NR) {
                int s = s0 + p * rs;
                for (int j = 0; j < NR; j++) dst[d + j] = j < nr ? src[s + j * cs] : 0f;
            }
        }
    }
}

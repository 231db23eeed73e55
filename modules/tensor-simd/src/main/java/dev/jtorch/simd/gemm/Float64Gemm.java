package dev.jtorch.simd.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jtorch.simd.gemm.Float64Kernel.MR;
import static dev.jtorch.simd.gemm.Float64Kernel.NR;

/**
 * Cache-blocked float64 GEMM in the Goto/BLIS layout: a KC x NC block of B is packed into NR-wide
 * column panels (meant to stay in L3/L2), an MC x KC block of A is the L2-resident operand, and the
 * micro-kernel streams MR rows of it against one B panel held in L1. The kernel reads A as rows of
 * consecutive elements, so a row-major heap A is used in place and only other layouts are copied.
 * Packing reads any strides, so transposed and broadcast inputs need no copy beforehand. Ragged
 * edges: B panels are padded with zero columns, a short tile repeats its last row of A, and both
 * are written back through a small tile buffer that keeps only the valid corner.
 */
// Mirrors Float32Gemm line for line with double for float; change the two together.
final class Float64Gemm {
    private Float64Gemm() {}

    // Block sizes: Float32Gemm's reasoning (measured there), in doubles.
    /** Depth of a block: the whole depth up to this (each further block is one more pass over C from L3). */
    static final int KC = 4096;
    /** Rows of an A block (a multiple of MR), at most this many ... */
    static final int MC_MAX = 9 * MR;
    /** ... and fewer for deep blocks, so that MC x KC doubles (at most 256 KiB) stay in L2 beside a B micro-panel. */
    static final int A_BLOCK_DOUBLES = 256 * 1024 / Double.BYTES;
    /** Columns of a B block when A is read in place: 128, so a B block of a shallow product stays in L2. */
    static final int NC_DIRECT_A = Math.max(NR, 1024 / Double.BYTES / NR * NR);
    /** Columns of a B block when A has to be packed: wide, so that each packed A block is reused long ... */
    static final int NC_PACKED_A = (4096 / NR) * NR;
    /** ... but a packed B block of at most 8 MiB per thread. */
    static final int B_BLOCK_DOUBLES = 1024 * 1024;

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** Packed buffers of one thread, grown on demand and then reused by every call on that thread. */
    private static final class Workspace {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[MR * NR];

        double[] a(int size) { return a.length >= size ? a : (a = new double[size]); }
        double[] b(int size) { return b.length >= size ? b : (b = new double[size]); }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * {@code C[m0..m1, n0..n1] = A[m0..m1, :] @ B[:, n0..n1]} with depth k >= 1. C has unit column
     * stride; A and B any strides.
     */
    static void multiply(MatrixView a, MatrixView b, MatrixView c, int k, int m0, int m1, int n0, int n1) {
        Workspace ws = WORKSPACE.get();
        boolean directA = a.array() instanceof double[] && a.colStride() == 1;
        int kc0 = evenSplit(k, KC, 1);
        int ncMax = directA ? NC_DIRECT_A : Math.max(NR, Math.min(NC_PACKED_A, B_BLOCK_DOUBLES / kc0) / NR * NR);
        int mcMax = Math.max(MR, Math.min(MC_MAX, A_BLOCK_DOUBLES / kc0) / MR * MR);
        for (int jc = n0; jc < n1; jc += ncMax) {
            int nc = Math.min(ncMax, n1 - jc);
            for (int pc = 0; pc < k; pc += kc0) {
                int kc = Math.min(kc0, k - pc);
                double[] bp = ws.b(roundUp(nc, NR) * kc);
                Float64Pack.packB(b, pc, kc, jc, nc, bp);
                int mc0 = evenSplit(m1 - m0, mcMax, MR);
                for (int ic = m0; ic < m1; ic += mc0) {
                    int mc = Math.min(mc0, m1 - ic);
                    if (directA) {
                        macroKernel((double[]) a.array(), (int) a.index(ic, pc), (int) a.rowStride(), bp, c, ws.tile, ic, mc, jc, nc, kc, pc > 0);
                    } else {
                        double[] ap = ws.a(mc * kc);
                        Float64Pack.packA(a, ic, mc, pc, kc, ap);
                        macroKernel(ap, 0, kc, bp, c, ws.tile, ic, mc, jc, nc, kc, pc > 0);
                    }
                }
            }
        }
    }

    /**
     * All MR x NR tiles of one A block (row r at {@code a[aBase + r*lda ..]}, kc elements) against
     * one packed B block.
     */
    private static void macroKernel(double[] a, int aBase, int lda, double[] bp, MatrixView c, double[] tile,
                                    int ic, int mc, int jc, int nc, int kc, boolean accumulate) {
        double[] carr = (double[]) c.array();
        int ldc = (int) c.rowStride();
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                // Rows past the edge repeat the last real row: always in bounds, and never written back.
                int a0 = aBase + ir * lda;
                int a1 = aBase + (ir + Math.min(1, mr - 1)) * lda;
                int a2 = aBase + (ir + Math.min(2, mr - 1)) * lda;
                int a3 = aBase + (ir + Math.min(3, mr - 1)) * lda;
                int bo = jr * kc;
                long at = c.index(ic + ir, jc + jr);
                if (carr != null && mr == MR && nr == NR) {
                    Float64Kernel.tile(kc, a, a0, a1, a2, a3, bp, bo, carr, (int) at, ldc, accumulate);
                } else {
                    Float64Kernel.tile(kc, a, a0, a1, a2, a3, bp, bo, tile, 0, NR, false);
                    writeBack(tile, mr, nr, c, carr, at, accumulate);
                }
            }
        }
    }

    /** The valid mr x nr corner of a tile into C (heap or native). */
    private static void writeBack(double[] tile, int mr, int nr, MatrixView c, double[] carr, long at, boolean accumulate) {
        MemorySegment seg = c.segment();
        long ldc = c.rowStride();
        for (int r = 0; r < mr; r++) {
            long row = at + r * ldc;
            for (int j = 0; j < nr; j++) {
                double v = tile[r * NR + j];
                if (carr != null) {
                    int i = (int) (row + j);
                    carr[i] = accumulate ? carr[i] + v : v;
                } else {
                    long i = row + j;
                    seg.setAtIndex(F64, i, accumulate ? seg.getAtIndex(F64, i) + v : v);
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** A block size near {@code max} (a multiple of {@code unit}) that splits n into equal-ish blocks. */
    static int evenSplit(int n, int max, int unit) {
        if (n <= 0) return max;
        int blocks = (n + max - 1) / max;
        return roundUp((n + blocks - 1) / blocks, unit);
    }
}

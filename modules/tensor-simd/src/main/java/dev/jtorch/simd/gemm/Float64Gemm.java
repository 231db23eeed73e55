package dev.jtorch.simd.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jtorch.simd.gemm.Float64Kernel.MR;
import static dev.jtorch.simd.gemm.Float64Kernel.NR;

/**
 * Cache-blocked float64 GEMM in the Goto/BLIS layout: a KC x NC block of B is packed into NR-wide
 * column panels (meant to stay in L3/L2), an MC x KC block of A into MR-tall row panels (L2), and
 * the micro-kernel streams one A panel against one B panel held in L1. Packing reads any strides,
 * so transposed and broadcast inputs cost nothing extra; ragged edges are padded with zeros in the
 * packed panels and written back through a small tile buffer.
 */
final class Float64Gemm {
    private Float64Gemm() {}

    /** Depth of a packed block: one B panel (KC x NR doubles) fills about half of a 32 KiB L1. */
    static final int KC = NR >= 16 ? 128 : 256;
    /** Rows of a packed A block (a multiple of MR): MC x KC doubles sit comfortably in L2. */
    static final int MC = 18 * MR;
    /** Columns of a packed B block (a multiple of NR). */
    static final int NC = (4096 / NR) * NR;

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
        int kc0 = evenSplit(k, KC, 1);
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < k; pc += kc0) {
                int kc = Math.min(kc0, k - pc);
                double[] bp = ws.b(roundUp(nc, NR) * kc);
                Float64Pack.packB(b, pc, kc, jc, nc, bp);
                int mc0 = evenSplit(m1 - m0, MC, MR);
                for (int ic = m0; ic < m1; ic += mc0) {
                    int mc = Math.min(mc0, m1 - ic);
                    double[] ap = ws.a(roundUp(mc, MR) * kc);
                    Float64Pack.packA(a, ic, mc, pc, kc, ap);
                    macroKernel(ap, bp, c, ws.tile, ic, mc, jc, nc, kc, pc > 0);
                }
            }
        }
    }

    /** All MR x NR tiles of one packed A block against one packed B block. */
    private static void macroKernel(double[] ap, double[] bp, MatrixView c, double[] tile,
                                    int ic, int mc, int jc, int nc, int kc, boolean accumulate) {
        double[] carr = (double[]) c.array();
        int ldc = (int) c.rowStride();
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                long at = c.index(ic + ir, jc + jr);
                if (carr != null && mr == MR && nr == NR) {
                    Float64Kernel.tile(kc, ap, ir * kc, bp, jr * kc, carr, (int) at, ldc, accumulate);
                } else {
                    Float64Kernel.tile(kc, ap, ir * kc, bp, jr * kc, tile, 0, NR, false);
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

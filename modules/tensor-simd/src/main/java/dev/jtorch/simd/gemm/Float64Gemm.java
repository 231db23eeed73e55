package dev.jtorch.simd.gemm;

import jdk.incubator.vector.DoubleVector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jtorch.simd.gemm.Float64Kernel.LANES;
import static dev.jtorch.simd.gemm.Float64Kernel.MR;
import static dev.jtorch.simd.gemm.Float64Kernel.NR;
import static dev.jtorch.simd.gemm.Float64Kernel.SPECIES;

/**
 * Cache-blocked float64 GEMM: {@link Float32Gemm}'s algorithm and block sizes (the reasons and measurements are
 * there), in doubles.
 */
// The same blocking, walk orders and depth-block accumulation as Float32Gemm, in doubles; with one kernel form (no
// rows-in-place path) a single tileAt replaces Float32Gemm's per-kernel block walks. Change the two together.
final class Float64Gemm {
    private Float64Gemm() {}

    static final int KC = Float64Kernel.MR == Float64Kernel.MR8 ? 256 : 4096;
    static final int MC_MAX = 9 * MR;
    static final int A_BLOCK_DOUBLES = 256 * 1024 / Double.BYTES;
    static final int NC_MAX = (4096 / NR) * NR;
    /**
     * 8 MiB, or 4 MiB with 4-row tiles, as Float32Gemm.B_BLOCK_FLOATS. 2026-11-24 on the AVX2 EPYC VM, 2048², fresh
     * JVMs alternating, means: 2 threads 57.9-67.5 -> 71.9-79.1 GFLOP/s, 1 thread 39.1-42.7 against 40.5-40.6.
     */
    static final int B_BLOCK_DOUBLES = MR == Float64Kernel.MR8 ? 1024 * 1024 : 512 * 1024;
    static final int C_IN_L2_DOUBLES = 128 * 1024;
    static final int B_BLOCK_IN_L2_DOUBLES = 128 * 1024;
    /**
     * As Float32Gemm's, only the 8-row tiles walk a large C along the rows. 2026-11-24 on the 2-core AVX2 EPYC VM,
     * 1 thread, into an existing C, best call of two fresh JVMs each, alternating: 1024² 38.6-39.9 -> 43.6-45.6 GFLOP/s,
     * 2048² 32.8-35.2 -> 37.3-44.8 down the columns.
     */
    static final boolean ROWS_OUTER_FOR_LARGE_C = MR == Float64Kernel.MR8;

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /**
     * Packed buffers of one thread, grown on demand and then reused by every call on that thread. B's is native memory
     * on a 64-byte boundary, as Float32Gemm's (the reason is there). Measured 2026-11-24 on the AVX-512 VM, 1 thread,
     * into an existing C, three fresh JVMs each, alternating: 512² 81.3-82.4 -> 87.5-89.7 GFLOP/s, 1024² 77.8-78.3 ->
     * 82.7-83.8, 2048² 73.9-74.5 -> 77.9-78.9 (numpy's dgemm on the same machine: 86.4, 90.9, 97.1).
     */
    private static final class Workspace {
        double[] a = new double[0];
        MemorySegment b = MemorySegment.NULL;
        final double[] tile = new double[MR * NR];
        /** One B panel as it is built, before it goes to {@link #b} (see Float64Pack.packB). */
        final double[] panel = new double[KC * NR];

        double[] a(int size) { return a.length >= size ? a : (a = new double[size]); }

        MemorySegment b(int size) {
            long bytes = size * (long) Double.BYTES;
            return b.byteSize() >= bytes ? b : (b = Arena.ofAuto().allocate(bytes, 64));
        }
    }

    /** This thread's packed-B buffer, grown to at least {@code doubles} (tests check its alignment). */
    static MemorySegment packedB(int doubles) {
        return WORKSPACE.get().b(doubles);
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * {@code C[m0..m1, n0..n1] = A[m0..m1, :] @ B[:, n0..n1]} with depth k >= 1. C has unit column
     * stride; A and B any strides.
     */
    static void multiply(MatrixView a, MatrixView b, MatrixView c, int k, int m0, int m1, int n0, int n1) {
        multiply(a, b, c, k, m0, m1, n0, n1, ROWS_OUTER_FOR_LARGE_C && (long) (m1 - m0) * (n1 - n0) > C_IN_L2_DOUBLES);
    }

    /** {@link #multiply} with the walk of the tiles given: along the rows or down the columns (tests take both anywhere). */
    static void multiply(MatrixView a, MatrixView b, MatrixView c, int k, int m0, int m1, int n0, int n1, boolean rowsOuter) {
        run(a, b, c, k, m0, m1, n0, n1, rowsOuter, false);
    }

    /**
     * {@code C[0..m, 0..n] -= A[0..m, :] @ B[:, 0..n]}: the trailing updates of the blocked factorizations. Each packed A
     * block is negated once (mc x kc values against mc x kc x nc multiply-adds) and every tile adds to C.
     */
    static void subtract(MatrixView a, MatrixView b, MatrixView c, int k, int m, int n) {
        run(a, b, c, k, 0, m, 0, n, ROWS_OUTER_FOR_LARGE_C && (long) m * n > C_IN_L2_DOUBLES, true);
    }

    private static void run(MatrixView a, MatrixView b, MatrixView c, int k, int m0, int m1, int n0, int n1, boolean rowsOuter,
                            boolean subtract) {
        Workspace ws = WORKSPACE.get();
        int kc0 = evenSplit(k, KC, 1);
        int bBlock = rowsOuter ? B_BLOCK_IN_L2_DOUBLES : B_BLOCK_DOUBLES;
        int ncMax = Math.max(NR, Math.min(NC_MAX, bBlock / kc0) / NR * NR);
        int mcMax = Math.max(MR, Math.min(MC_MAX, A_BLOCK_DOUBLES / kc0) / MR * MR);
        for (int jc = n0; jc < n1; jc += ncMax) {
            int nc = Math.min(ncMax, n1 - jc);
            for (int pc = 0; pc < k; pc += kc0) {
                int kc = Math.min(kc0, k - pc);
                MemorySegment bp = ws.b(roundUp(nc, NR) * kc);
                Float64Pack.packB(b, pc, kc, jc, nc, bp, ws.panel);
                int mc0 = evenSplit(m1 - m0, mcMax, MR);
                for (int ic = m0; ic < m1; ic += mc0) {
                    int mc = Math.min(mc0, m1 - ic);
                    double[] ap = ws.a(roundUp(mc, MR) * kc);
                    Float64Pack.packA(a, ic, mc, pc, kc, ap);
                    if (subtract) negate(ap, roundUp(mc, MR) * kc);
                    boolean accumulate = subtract || pc > 0;
                    if (rowsOuter) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            for (int jr = 0; jr < nc; jr += NR) tileAt(ap, bp, c, ws.tile, ic, mc, ir, jc, nc, jr, kc, accumulate);
                        }
                    } else {
                        for (int jr = 0; jr < nc; jr += NR) {
                            for (int ir = 0; ir < mc; ir += MR) tileAt(ap, bp, c, ws.tile, ic, mc, ir, jc, nc, jr, kc, accumulate);
                        }
                    }
                }
            }
        }
    }

    /** The tile at rows {@code ic+ir} and columns {@code jc+jr} of C, from the packed A block and B block. */
    private static void tileAt(double[] ap, MemorySegment bp, MatrixView c, double[] tile, int ic, int mc, int ir,
                               int jc, int nc, int jr, int kc, boolean accumulate) {
        double[] carr = (double[]) c.array();
        int ldc = (int) c.rowStride();
        int mr = Math.min(MR, mc - ir), nr = Math.min(NR, nc - jr);
        int ao = ir * kc;
        long bo = (long) jr * kc;
        long at = c.index(ic + ir, jc + jr);
        boolean whole = carr != null && mr == MR && nr == NR;
        if (whole && !accumulate) {
            Float64Kernel.tile(kc, ap, ao, bp, bo, carr, (int) at, ldc);
        } else if (whole) {
            Float64Kernel.tile(kc, ap, ao, bp, bo, tile, 0, NR);
            Float64Kernel.addTile(tile, carr, (int) at, ldc);
        } else {
            Float64Kernel.tile(kc, ap, ao, bp, bo, tile, 0, NR);
            writeBack(tile, mr, nr, c, carr, at, accumulate);
        }
    }

    /** The valid mr x nr corner of a tile into C (heap or native), added to what is there with {@code accumulate}. */
    private static void writeBack(double[] tile, int mr, int nr, MatrixView c, double[] carr, long at, boolean accumulate) {
        MemorySegment seg = c.segment();
        long ldc = c.rowStride();
        for (int r = 0; r < mr; r++) {
            long row = at + r * ldc;
            int j = 0;
            if (carr != null) {
                for (; j <= nr - LANES; j += LANES) {
                    DoubleVector v = DoubleVector.fromArray(SPECIES, tile, r * NR + j);
                    if (accumulate) v = v.add(DoubleVector.fromArray(SPECIES, carr, (int) row + j));
                    v.intoArray(carr, (int) row + j);
                }
            }
            for (; j < nr; j++) {
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

    private static void negate(double[] x, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) DoubleVector.fromArray(SPECIES, x, i).neg().intoArray(x, i);
        for (; i < n; i++) x[i] = -x[i];
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

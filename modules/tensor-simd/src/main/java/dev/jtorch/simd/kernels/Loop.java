package dev.jtorch.simd.kernels;

import dev.jtorch.spi.Strided;

/**
 * Walks several strided operands of one shape together, one row (innermost run) at a time.
 * Dims of size 1 are dropped and dims that are contiguous for every operand are merged, so a
 * contiguous tensor is a single row whatever its rank. Offsets are element indexes into each
 * operand's backing array.
 *
 * <p>Elementwise loops may reorder dims so that one operand (usually the output) is walked in
 * memory order; loops whose visiting order matters ({@link #rowMajor}) keep the logical order.
 */
public final class Loop {
    /** Receives one row: {@code off[k]} is operand k's first element, n the row length (use {@link #innerStride}). */
    @FunctionalInterface
    public interface Row {
        void run(int[] off, int n);
    }

    private final int nops;
    private final int rank;          // collapsed rank, >= 1
    private final int[] size;        // outermost first
    private final long[][] stride;   // [operand][dim]
    private final int[] base;        // [operand]
    private final long numel;

    private Loop(int nops, int rank, int[] size, long[][] stride, int[] base, long numel) {
        this.nops = nops;
        this.rank = rank;
        this.size = size;
        this.stride = stride;
        this.base = base;
        this.numel = numel;
    }

    // ---------------------------------------------------------------- construction

    /** Operands backed by Java arrays, walked in the memory order of operand 0. */
    public static Loop over(long[] shape, Strided... ops) {
        return create(shape, 0, strides(ops), bases(ops));
    }

    /** Operands backed by Java arrays, walked in row-major (logical) order. */
    public static Loop rowMajor(long[] shape, Strided... ops) {
        return create(shape, -1, strides(ops), bases(ops));
    }

    private static long[][] strides(Strided[] ops) {
        long[][] st = new long[ops.length][];
        for (int k = 0; k < ops.length; k++) st[k] = ops[k].stride();
        return st;
    }

    /**
     * Whether the walk over {@code out} and {@code in} would be one row: both contiguous with out's element count (1 to
     * 2^31 - 1), few enough elements for one of {@code threads}. Small ops then call their row kernel directly instead
     * of building the walk, which for a handful of elements costs more than the op (x.exp() of 1 float ~135 -> ~80 ns).
     */
    static boolean oneRow(int threads, Strided out, Strided in) {
        long n = out.numel();
        return n > 0 && n <= Integer.MAX_VALUE && in.numel() == n && Parallel.parts(n, threads) == 1 && in.isContiguous()
                && out.isContiguous();
    }

    /** {@link #oneRow(int, Strided, Strided)} with two inputs. */
    static boolean oneRow(int threads, Strided out, Strided a, Strided b) {
        return oneRow(threads, out, a) && b.numel() == out.numel() && b.isContiguous();
    }

    private static int[] bases(Strided[] ops) {
        int[] b = new int[ops.length];
        for (int k = 0; k < ops.length; k++) b[k] = Host.base(ops[k]);
        return b;
    }

    /**
     * General form: {@code strides[k]} is operand k's stride per dim of {@code shape}, {@code bases[k]} its
     * first element; {@code orderBy} names the operand whose memory order is followed, or -1 for row-major.
     */
    public static Loop create(long[] shape, int orderBy, long[][] strides, int[] bases) {
        int nops = strides.length;
        long numel = 1;
        for (long s : shape) numel *= s;
        // Keep the dims that matter (size > 1), in logical order.
        int[] dims = new int[shape.length];
        int nd = 0;
        for (int d = 0; d < shape.length; d++) if (shape[d] != 1) dims[nd++] = d;
        if (orderBy >= 0) sortByStride(dims, nd, strides, orderBy);
        int[] size = new int[Math.max(nd, 1)];
        // one row at a time: C2 compiles a two-dimensional new long[a][b] into a call into the VM (the SmallSize sum's
        // profile had 40% of its samples in this method)
        long[][] st = new long[nops][];
        for (int k = 0; k < nops; k++) st[k] = new long[Math.max(nd, 1)];
        int rank = 0;
        for (int i = 0; i < nd; i++) {
            int d = dims[i];
            if (rank > 0 && mergeable(strides, st, rank - 1, d, shape[d])) {
                // the previous (outer) dim continues this one: fold it into a longer inner dim
                size[rank - 1] = Math.toIntExact((long) size[rank - 1] * shape[d]);
                for (int k = 0; k < nops; k++) st[k][rank - 1] = strides[k][d];
                continue;
            }
            size[rank] = numel == 0 ? 0 : Math.toIntExact(shape[d]);
            for (int k = 0; k < nops; k++) st[k][rank] = strides[k][d];
            rank++;
        }
        if (rank == 0) {
            size[0] = 1;
            rank = 1;
        }
        return new Loop(nops, rank, trim(size, rank), trim(st, rank), bases.clone(), numel);
    }

    private static boolean mergeable(long[][] strides, long[][] st, int outer, int d, long n) {
        for (int k = 0; k < strides.length; k++) if (st[k][outer] != strides[k][d] * n) return false;
        return true;
    }

    /** Insertion sort of dims, largest |stride| of operand {@code by} first; ties keep logical order. */
    private static void sortByStride(int[] dims, int n, long[][] strides, int by) {
        for (int i = 1; i < n; i++) {
            int d = dims[i];
            int j = i - 1;
            while (j >= 0 && outerThan(d, dims[j], strides, by)) {
                dims[j + 1] = dims[j];
                j--;
            }
            dims[j + 1] = d;
        }
    }

    /** True when dim a should be walked outside dim b. */
    private static boolean outerThan(int a, int b, long[][] strides, int by) {
        long sa = Math.abs(strides[by][a]), sb = Math.abs(strides[by][b]);
        if (sa != sb) return sa > sb;
        for (long[] s : strides) {
            long x = Math.abs(s[a]), y = Math.abs(s[b]);
            if (x != y) return x > y;
        }
        return false;
    }

    private static int[] trim(int[] a, int n) { return a.length == n ? a : java.util.Arrays.copyOf(a, n); }

    private static long[][] trim(long[][] a, int n) {
        if (a.length == 0 || a[0].length == n) return a;
        long[][] r = new long[a.length][];
        for (int k = 0; k < a.length; k++) r[k] = java.util.Arrays.copyOf(a[k], n);
        return r;
    }

    // ---------------------------------------------------------------- geometry

    public long numel() { return numel; }

    /** Length of a full row. */
    public int innerSize() { return size[rank - 1]; }

    /** Operand k's stride along rows. */
    public int innerStride(int k) { return (int) stride[k][rank - 1]; }

    /** Number of dims after dropping and merging (at least 1). */
    public int rank() { return rank; }

    /** Size of collapsed dim d (0 = outermost). */
    public int size(int d) { return size[d]; }

    /** Operand k's stride along collapsed dim d. */
    public long stride(int k, int d) { return stride[k][d]; }

    /** Operand k's first element. */
    public int base(int k) { return base[k]; }

    // ---------------------------------------------------------------- iteration

    public void forEach(Row row) { forRange(0, numel, null, row); }

    /** Like {@link #forEach} with {@code shift[k]} added to operand k's offsets. */
    public void forEach(int[] shift, Row row) { forRange(0, numel, shift, row); }

    /** Visits elements {@code [from, to)} of the loop order (for splitting work between threads). */
    public void forRange(long from, long to, int[] shift, Row row) {
        if (from >= to) return;
        int inner = rank - 1;
        int n = size[inner];
        int[] idx = new int[rank];
        long r = from / n;
        int pos = (int) (from % n);
        for (int d = inner - 1; d >= 0; d--) {
            idx[d] = (int) (r % size[d]);
            r /= size[d];
        }
        long[] cur = new long[nops];
        for (int k = 0; k < nops; k++) {
            long c = base[k] + (shift == null ? 0 : shift[k]);
            for (int d = 0; d < inner; d++) c += idx[d] * stride[k][d];
            cur[k] = c;
        }
        int[] off = new int[nops];
        long remaining = to - from;
        while (true) {
            int len = (int) Math.min(n - pos, remaining);
            for (int k = 0; k < nops; k++) off[k] = (int) (cur[k] + pos * stride[k][inner]);
            row.run(off, len);
            remaining -= len;
            if (remaining <= 0) return;
            pos = 0;
            for (int d = inner - 1; d >= 0; d--) {
                for (int k = 0; k < nops; k++) cur[k] += stride[k][d];
                if (++idx[d] < size[d]) break;
                for (int k = 0; k < nops; k++) cur[k] -= size[d] * stride[k][d];
                idx[d] = 0;
            }
        }
    }
}

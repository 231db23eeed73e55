package dev.jtorch.simd.kernels;

import dev.jtorch.ops.ReduceOp;
import dev.jtorch.spi.Strided;

/**
 * Scalar reductions. The input is walked once in its memory order against an accumulator laid out
 * like the (keepdim) output with stride 0 on reduced dims: rows along a reduced dim fold into one
 * accumulator, rows along a kept dim update a run of accumulators. float32 accumulates in double;
 * float64 sums rows pairwise.
 */
public final class ReduceKernels {
    private ReduceKernels() {}

    public static void reduce(ReduceOp op, Strided in, int[] dims, Strided out) { reduce(op, in, dims, out, false, 1); }

    /**
     * With {@code simd}, rows of stride 1 use the Vector API loops of {@link SimdReduceRows}. A large
     * input with few outputs is split across {@code threads}: each part folds into its own
     * accumulators, which are then combined in order.
     */
    public static void reduce(ReduceOp op, Strided in, int[] dims, Strided out, boolean simd, int threads) {
        long[] shape = in.shape();
        boolean[] reduced = new boolean[shape.length];
        for (int d : dims) reduced[d] = true;
        if (op == ReduceOp.ALL || op == ReduceOp.ANY) {
            logical(op == ReduceOp.ALL, in, reduced, out);
            return;
        }
        if (wholeContiguous(op, in, out, simd, threads)) return;
        long[] accStride = Strided.contiguousStrides(out.shape());
        for (int d = 0; d < shape.length; d++) if (reduced[d]) accStride[d] = 0;
        int outN = Math.toIntExact(out.numel());
        Loop walk = Loop.create(shape, 1, new long[][]{accStride, in.stride()}, new int[]{0, Host.base(in)});
        Loop store = Loop.create(out.shape(), 0, new long[][]{out.stride(), Strided.contiguousStrides(out.shape())},
                new int[]{Host.base(out), 0});
        int so = store.innerStride(0), sc = store.innerStride(1);
        long total = walk.numel();
        // Per-part accumulators only pay off when there are far fewer outputs than inputs.
        int parts = (long) outN * 64 <= total ? Parallel.parts(total, threads) : 1;
        switch (in.dtype()) {
            case FLOAT64, FLOAT32 -> {
                double[] acc;
                if (simd && rowsSideBySide(op, in, reduced, outN)) {
                    acc = fourRowsAtATime(op, in, outN, threads);
                } else {
                    double[][] accs = new double[parts][];
                    Parallel.run(parts, t -> {
                        double[] a = new double[outN];
                        java.util.Arrays.fill(a, identity(op));
                        walk.forRange(total * t / parts, total * (t + 1) / parts, null, doubleRow(op, in, a, walk, simd));
                        accs[t] = a;
                    });
                    acc = accs[0];
                    for (int t = 1; t < parts; t++) for (int i = 0; i < outN; i++) acc[i] = combine(op, acc[i], accs[t][i]);
                }
                Object y = Host.array(out);
                store.forEach((off, n) -> Rows.writeDoubles(y, out.dtype(), off[0], so, n, slice(acc, off[1], sc, n)));
            }
            case INT64 -> {
                long[][] accs = new long[parts][];
                Parallel.run(parts, t -> {
                    long[] acc = new long[outN];
                    java.util.Arrays.fill(acc, identityLong(op));
                    walk.forRange(total * t / parts, total * (t + 1) / parts, null, longRow(op, in, acc, walk, simd));
                    accs[t] = acc;
                });
                long[] acc = accs[0];
                for (int t = 1; t < parts; t++) for (int i = 0; i < outN; i++) acc[i] = combine(op, acc[i], accs[t][i]);
                long[] y = (long[]) Host.array(out);
                store.forEach((off, n) -> {
                    for (int i = 0, q = off[0], p = off[1]; i < n; i++, q += so, p += sc) y[q] = acc[p];
                });
            }
            default -> throw new IllegalArgumentException("reduce " + op + ": unsupported compute dtype " + in.dtype());
        }
    }

    /**
     * A whole contiguous float tensor into one value on one thread: the single row that the general walk below would
     * make, folded by the same row kernel into the same accumulator, without building the walks (for short inputs the
     * walks cost more than the sum: x.sum() of 7 floats spent most of its ~0.3 µs in Loop.create).
     */
    private static boolean wholeContiguous(ReduceOp op, Strided in, Strided out, boolean simd, int threads) {
        if (out.numel() != 1 || (in.dtype() != dev.jtorch.DType.FLOAT32 && in.dtype() != dev.jtorch.DType.FLOAT64)) return false;
        long numel = in.numel();
        if (numel == 0 || numel > Integer.MAX_VALUE || Parallel.parts(numel, threads) != 1 || !in.isContiguous()) return false;
        int n = (int) numel, p = Host.base(in);
        double v = in.dtype() == dev.jtorch.DType.FLOAT64
                ? (simd ? SimdReduceRows.doubleRow(op).run((double[]) Host.array(in), p, n) : rowDouble(op, (double[]) Host.array(in), p, 1, n))
                : (simd ? SimdReduceRows.floatRow(op).run((float[]) Host.array(in), p, n) : rowFloat(op, (float[]) Host.array(in), p, 1, n));
        Rows.writeDoubles(Host.array(out), out.dtype(), Host.base(out), 1, 1, new double[]{combine(op, identity(op), v)});
        return true;
    }

    /**
     * A float32 sum, max or min over the last dim of a contiguous input with at least four rows of at least
     * {@link #SIDE_BY_SIDE_FROM} elements: read four rows at a time (one row at a time is a single stream for
     * the memory system, and one stream does not reach the machine's bandwidth).
     */
    private static boolean rowsSideBySide(ReduceOp op, Strided in, boolean[] reduced, int rows) {
        int last = reduced.length - 1;
        if (in.dtype() != dev.jtorch.DType.FLOAT32 || last < 0 || !in.isContiguous() || rows < 4) return false;
        if (op != ReduceOp.SUM && op != ReduceOp.MAX && op != ReduceOp.MIN) return false;
        for (int d = 0; d < last; d++) if (reduced[d]) return false;
        return reduced[last] && in.shape()[last] >= SIDE_BY_SIDE_FROM;
    }

    /** Rows shorter than this stay in cache anyway (and are often many): they keep the one-row loops. */
    static final int SIDE_BY_SIDE_FROM = 256;

    /**
     * Row r's result into acc[r]. Rows r, r+q, r+2q, r+3q (q = rows/4) go side by side, so the four streams lie a
     * quarter of the input apart rather than in neighbouring pages; r's range is split across threads.
     */
    private static double[] fourRowsAtATime(ReduceOp op, Strided in, int rows, int threads) {
        float[] x = (float[]) Host.array(in);
        int base = Host.base(in), n = (int) in.shape()[in.dim() - 1], q = rows / 4;
        double[] acc = new double[rows];
        SimdReduceRows.FloatRows4 four = SimdReduceRows.floatRows4(op);
        int parts = Math.max(1, Math.min(q, Parallel.parts((long) rows * n, threads)));
        Parallel.run(parts, t -> {
            for (int r = (int) ((long) q * t / parts); r < (long) q * (t + 1) / parts; r++) {
                four.run(x, base + r * n, q * n, n, acc, r, q);
            }
        });
        SimdReduceRows.FloatRow one = SimdReduceRows.floatRow(op);
        for (int r = 4 * q; r < rows; r++) acc[r] = one.run(x, base + r * n, n);
        return acc;
    }

    /** Folds rows of a float input into {@code acc} (walk operands: 0 = accumulators, 1 = input). */
    private static Loop.Row doubleRow(ReduceOp op, Strided in, double[] acc, Loop walk, boolean simd) {
        int sa = walk.innerStride(0), si = walk.innerStride(1);
        if (in.dtype() == dev.jtorch.DType.FLOAT64) {
            double[] x = (double[]) Host.array(in);
            SimdReduceRows.DoubleRow row = simd ? SimdReduceRows.doubleRow(op) : null;
            SimdReduceRows.DoubleInto into = simd ? SimdReduceRows.doubleInto(op) : null;
            return (off, n) -> {
                int pa = off[0], pi = off[1];
                if (simd && si == 1 && sa == 0) acc[pa] = combine(op, acc[pa], row.run(x, pi, n));
                else if (simd && si == 1 && sa == 1) into.run(acc, pa, x, pi, n);
                else if (sa == 0) acc[pa] = combine(op, acc[pa], rowDouble(op, x, pi, si, n));
                else for (int i = 0; i < n; i++, pa += sa, pi += si) acc[pa] = combine(op, acc[pa], x[pi]);
            };
        }
        float[] x = (float[]) Host.array(in);
        SimdReduceRows.FloatRow row = simd ? SimdReduceRows.floatRow(op) : null;
        SimdReduceRows.FloatInto into = simd ? SimdReduceRows.floatInto(op) : null;
        return (off, n) -> {
            int pa = off[0], pi = off[1];
            if (simd && si == 1 && sa == 0) acc[pa] = combine(op, acc[pa], row.run(x, pi, n));
            else if (simd && si == 1 && sa == 1) into.run(acc, pa, x, pi, n);
            else if (sa == 0) acc[pa] = combine(op, acc[pa], rowFloat(op, x, pi, si, n));
            else for (int i = 0; i < n; i++, pa += sa, pi += si) acc[pa] = combine(op, acc[pa], x[pi]);
        };
    }

    private static Loop.Row longRow(ReduceOp op, Strided in, long[] acc, Loop walk, boolean simd) {
        int sa = walk.innerStride(0), si = walk.innerStride(1);
        long[] x = (long[]) Host.array(in);
        SimdReduceRows.LongRow row = simd ? SimdReduceRows.longRow(op) : null;
        SimdReduceRows.LongInto into = simd ? SimdReduceRows.longInto(op) : null;
        return (off, n) -> {
            int pa = off[0], pi = off[1];
            if (simd && si == 1 && sa == 0) acc[pa] = combine(op, acc[pa], row.run(x, pi, n));
            else if (simd && si == 1 && sa == 1) into.run(acc, pa, x, pi, n);
            else for (int i = 0; i < n; i++, pa += sa, pi += si) acc[pa] = combine(op, acc[pa], x[pi]);
        };
    }

    private static double[] slice(double[] acc, int off, int st, int n) {
        if (off == 0 && st == 1 && n == acc.length) return acc;
        double[] r = new double[n];
        for (int i = 0, p = off; i < n; i++, p += st) r[i] = acc[p];
        return r;
    }

    static double identity(ReduceOp op) {
        return switch (op) {
            case SUM -> 0.0;
            case PROD -> 1.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    static long identityLong(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case PROD -> 1;
            case MAX -> Long.MIN_VALUE;
            case MIN -> Long.MAX_VALUE;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    /** Folds v into acc; MAX/MIN let NaN win and, on ties, the later element (as PyTorch's CPU kernel). */
    static double combine(ReduceOp op, double acc, double v) {
        return switch (op) {
            case SUM -> acc + v;
            case PROD -> acc * v;
            case MAX -> v >= acc || v != v ? (acc != acc ? acc : v) : acc;
            case MIN -> v <= acc || v != v ? (acc != acc ? acc : v) : acc;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    static long combine(ReduceOp op, long acc, long v) {
        return switch (op) {
            case SUM -> acc + v;
            case PROD -> acc * v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private static double rowDouble(ReduceOp op, double[] x, int p, int s, int n) {
        if (op == ReduceOp.SUM) return pairwiseSum(x, p, s, n);
        double acc = identity(op);
        for (int i = 0; i < n; i++, p += s) acc = combine(op, acc, x[p]);
        return acc;
    }

    private static double rowFloat(ReduceOp op, float[] x, int p, int s, int n) {
        double acc = identity(op);
        if (op == ReduceOp.SUM) {
            // A broadcast row (the expanded gradient of a sum, say) is n times one float: every partial sum k * v of the
            // loop below is exact in double (24 + 29 bits at most), so one product gives the loop's bits.
            if (s == 0 && n > 0 && n <= 1 << 29) return acc + (double) x[p] * n;
            for (int i = 0; i < n; i++, p += s) acc += x[p];
            return acc;
        }
        for (int i = 0; i < n; i++, p += s) acc = combine(op, acc, x[p]);
        return acc;
    }

    /** Pairwise summation: the rounding error grows with log(n) instead of n. */
    static double pairwiseSum(double[] x, int p, int s, int n) {
        if (n <= 64) {
            double a = 0;
            for (int i = 0; i < n; i++, p += s) a += x[p];
            return a;
        }
        int h = n / 2;
        return pairwiseSum(x, p, s, h) + pairwiseSum(x, p + h * s, s, n - h);
    }

    /** ALL / ANY of any dtype into a bool output. */
    private static void logical(boolean all, Strided in, boolean[] reduced, Strided out) {
        CopyKernels.fillRaw(out, all ? 1 : 0);
        long[] outStride = out.stride().clone();
        for (int d = 0; d < reduced.length; d++) if (reduced[d]) outStride[d] = 0;
        Loop walk = Loop.create(in.shape(), 1, new long[][]{outStride, in.stride()}, new int[]{Host.base(out), Host.base(in)});
        byte[] y = (byte[]) Host.array(out);
        Object x = Host.array(in);
        int so = walk.innerStride(0), si = walk.innerStride(1);
        byte[] mask = new byte[Math.max(walk.innerSize(), 1)];
        byte decided = (byte) (all ? 0 : 1); // the value a single element can force
        walk.forEach((off, n) -> {
            Rows.truth(x, in.dtype(), off[1], si, n, mask);
            for (int i = 0, q = off[0]; i < n; i++, q += so) if (mask[i] == decided) y[q] = decided;
        });
    }

    // ---------------------------------------------------------------- max/min with index

    /** MAX/MIN along dim with the first index of the extremum; the first NaN wins. */
    public static void reduceWithIndex(ReduceOp op, Strided in, int dim, Strided values, Strided indices) {
        if (op != ReduceOp.MAX && op != ReduceOp.MIN) throw new IllegalArgumentException("reduceWithIndex: " + op);
        boolean max = op == ReduceOp.MAX;
        long[] kept = in.shape().clone();
        kept[dim] = 1;
        Loop loop = Loop.create(kept, 0, new long[][]{values.stride(), indices.stride(), in.stride()},
                new int[]{Host.base(values), Host.base(indices), Host.base(in)});
        int n = Math.toIntExact(in.shape()[dim]);
        int sd = Math.toIntExact(in.stride()[dim]);
        int sv = loop.innerStride(0), sx = loop.innerStride(1), si = loop.innerStride(2);
        long[] idx = (long[]) Host.array(indices);
        switch (in.dtype()) {
            case FLOAT64, FLOAT32 -> {
                boolean f64 = in.dtype() == dev.jtorch.DType.FLOAT64;
                double[] xd = f64 ? (double[]) Host.array(in) : null;
                float[] xf = f64 ? null : (float[]) Host.array(in);
                double[] vd = f64 ? (double[]) Host.array(values) : null;
                float[] vf = f64 ? null : (float[]) Host.array(values);
                loop.forEach((off, len) -> {
                    for (int e = 0, pv = off[0], px = off[1], pi = off[2]; e < len; e++, pv += sv, px += sx, pi += si) {
                        double best = f64 ? xd[pi] : xf[pi];
                        int at = 0;
                        for (int j = 1, p = pi + sd; j < n && best == best; j++, p += sd) {
                            double v = f64 ? xd[p] : xf[p];
                            if (v != v || (max ? v > best : v < best)) {
                                best = v;
                                at = j;
                            }
                        }
                        if (f64) vd[pv] = best;
                        else vf[pv] = (float) best;
                        idx[px] = at;
                    }
                });
            }
            case INT64 -> {
                long[] x = (long[]) Host.array(in), y = (long[]) Host.array(values);
                loop.forEach((off, len) -> {
                    for (int e = 0, pv = off[0], px = off[1], pi = off[2]; e < len; e++, pv += sv, px += sx, pi += si) {
                        long best = x[pi];
                        int at = 0;
                        for (int j = 1, p = pi + sd; j < n; j++, p += sd) {
                            long v = x[p];
                            if (max ? v > best : v < best) {
                                best = v;
                                at = j;
                            }
                        }
                        y[pv] = best;
                        idx[px] = at;
                    }
                });
            }
            default -> throw new IllegalArgumentException("reduceWithIndex: unsupported compute dtype " + in.dtype());
        }
    }

    // ---------------------------------------------------------------- counting

    public static long countNonzero(Strided in) {
        Loop loop = Loop.over(in.shape(), in);
        Object x = Host.array(in);
        int s = loop.innerStride(0);
        byte[] mask = new byte[Math.max(loop.innerSize(), 1)];
        long[] count = {0};
        loop.forEach((off, n) -> {
            Rows.truth(x, in.dtype(), off[0], s, n, mask);
            long c = 0;
            for (int i = 0; i < n; i++) c += mask[i];
            count[0] += c;
        });
        return count[0];
    }
}

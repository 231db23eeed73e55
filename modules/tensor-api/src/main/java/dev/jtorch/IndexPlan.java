package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.spi.Strided;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code x[...]} in PyTorch's two steps: the basic entries (integers, slices, None, ellipsis) become a
 * view, then the tensor entries index that view. Masks become their non-zero coordinates, index tensors
 * are broadcast together and wrapped, and the indexed dims are replaced by the broadcast index shape:
 * in place when the indexed dims are adjacent, first otherwise (PyTorch's rule).
 */
final class IndexPlan {
    /** x after the basic entries. */
    final Tensor view;
    /** View dims that carry an index tensor, increasing. */
    private final int[] dims;
    /** Per indexed dim: positions wrapped to [0, size), broadcast to {@link #indexShape}, row-major. */
    private final long[][] positions;
    private final long[] indexShape;

    private IndexPlan(Tensor view, int[] dims, long[][] positions, long[] indexShape) {
        this.view = view;
        this.dims = dims;
        this.positions = positions;
        this.indexShape = indexShape;
    }

    boolean hasAdvanced() { return dims.length > 0; }

    // ---------------------------------------------------------------- building

    private record Pending(int dim, Tensor tensor, boolean mask) {}

    private static boolean isMask(Tensor t) { return t.dtype == DType.BOOL || t.dtype == DType.UINT8; }

    /** Number of dims of x an entry consumes. */
    private static long consumed(Index e) {
        return switch (e) {
            case Index.Integer _, Index.Slice _ -> 1;
            case Index.TensorIndex t -> isMask(t.tensor()) ? t.tensor().dim() : 1;
            case Index.Ellipsis _, Index.NewAxis _ -> 0;
        };
    }

    static IndexPlan of(Tensor x, List<Index> idx) {
        int ellipses = 0;
        long specified = 0;
        for (Index e : idx) {
            if (e == null) throw new IllegalArgumentException("null Index entry: use Index.NONE for None");
            if (e instanceof Index.Ellipsis) ellipses++;
            if (e instanceof Index.TensorIndex t) checkIndexDtype(t.tensor());
            specified += consumed(e);
        }
        if (ellipses > 1) throw new IndexOutOfBoundsException("an index can only have a single ellipsis ('...')");
        if (x.dim() == 0 && idx.size() == 1 && idx.get(0) instanceof Index.Integer) {
            throw new IndexOutOfBoundsException("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                    + "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
        }
        if (specified > x.dim()) throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + x.dim());

        Tensor v = x;
        int dim = 0;
        List<Pending> pending = new ArrayList<>();
        for (int entry = 0; entry < idx.size(); entry++) {
            Index e = idx.get(entry);
            switch (e) {
                case Index.Integer i -> {
                    long size = v.shape[dim];
                    if (i.value() < -size || i.value() >= size) {
                        // PyTorch names the entry's position in the index as the dimension.
                        throw new IndexOutOfBoundsException("index " + i.value() + " is out of bounds for dimension "
                                + entry + " with size " + size);
                    }
                    v = Views.select(v, dim, i.value());
                }
                case Index.Slice s -> {
                    v = Views.slice(v, dim, s.start(), s.stop(), s.step());
                    dim++;
                }
                case Index.Ellipsis _ -> dim += (int) (x.dim() - specified);
                case Index.NewAxis _ -> v = Views.unsqueeze(v, dim++);
                case Index.TensorIndex ti -> {
                    Tensor t = ti.tensor();
                    if (isMask(t) && t.dim() == 0) {
                        // x[True] adds a dim of size 1 and keeps it; x[False] adds one and keeps nothing of it.
                        v = Views.unsqueeze(v, dim);
                        long[] pos = HostIndex.longs(t)[0] != 0 ? new long[]{0} : new long[0];
                        pending.add(new Pending(dim++, HostIndex.tensor(pos, Device.CPU), false));
                    } else if (isMask(t)) {
                        pending.add(new Pending(dim, t, true));
                        dim += t.dim();
                    } else {
                        pending.add(new Pending(dim++, t, false));
                    }
                }
            }
        }
        if (pending.isEmpty()) return new IndexPlan(v, new int[0], new long[0][], new long[0]);
        return advanced(v, pending);
    }

    static void checkIndexDtype(Tensor t) {
        if (t.dtype != DType.INT64 && !isMask(t)) {
            throw new IllegalArgumentException("tensors used as indices must be long, byte or bool tensors");
        }
    }

    private static IndexPlan advanced(Tensor v, List<Pending> pending) {
        List<java.lang.Integer> dims = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (Pending p : pending) {
            Tensor t = p.tensor();
            if (!p.mask()) {
                dims.add(p.dim());
                values.add(HostIndex.longs(t));
                shapes.add(t.shape.clone());
                continue;
            }
            int k = t.dim();
            for (int j = 0; j < k; j++) {
                if (t.shape[j] != v.shape[p.dim() + j]) {
                    throw new IndexOutOfBoundsException("The shape of the mask " + Shapes.str(t.shape) + " at index " + j
                            + " does not match the shape of the indexed tensor " + Shapes.str(v.shape) + " at index "
                            + (p.dim() + j));
                }
            }
            long[] coords = HostIndex.nonzeroCoords(t);
            int n = coords.length / k;
            for (int j = 0; j < k; j++) {
                long[] col = new long[n];
                for (int i = 0; i < n; i++) col[i] = coords[i * k + j];
                dims.add(p.dim() + j);
                values.add(col);
                shapes.add(new long[]{n});
            }
        }
        long[] bshape = broadcastIndexShapes(shapes);
        int k = dims.size();
        int[] d = new int[k];
        long[][] pos = new long[k][];
        for (int j = 0; j < k; j++) {
            d[j] = dims.get(j);
            long size = v.shape[d[j]];
            long[] vals = values.get(j);
            long[] wrapped = new long[vals.length];
            for (int i = 0; i < vals.length; i++) {
                long p = vals[i];
                if (p < -size || p >= size) {
                    throw new IndexOutOfBoundsException("index " + p + " is out of bounds for dimension " + d[j]
                            + " with size " + size);
                }
                wrapped[i] = p < 0 ? p + size : p;
            }
            pos[j] = HostIndex.broadcast(wrapped, shapes.get(j), bshape);
        }
        return new IndexPlan(v, d, pos, bshape);
    }

    private static long[] broadcastIndexShapes(List<long[]> shapes) {
        try {
            return Broadcast.shapes(shapes.toArray(long[][]::new));
        } catch (IllegalArgumentException e) {
            StringJoiner all = new StringJoiner(", ");
            for (long[] s : shapes) all.add(Shapes.str(s));
            throw new IndexOutOfBoundsException("shape mismatch: indexing tensors could not be broadcast together with shapes "
                    + all);
        }
    }

    // ---------------------------------------------------------------- layout of the result

    private boolean adjacent() {
        for (int j = 1; j < dims.length; j++) if (dims[j] != dims[j - 1] + 1) return false;
        return true;
    }

    /** Dims of the view that are not indexed: before and after the index block (all "after" when not adjacent). */
    private int[] outerDims() {
        if (!adjacent()) return new int[0];
        int[] o = new int[dims[0]];
        for (int i = 0; i < o.length; i++) o[i] = i;
        return o;
    }

    private int[] innerDims() {
        int n = view.dim();
        if (adjacent()) {
            int from = dims[dims.length - 1] + 1;
            int[] o = new int[n - from];
            for (int i = 0; i < o.length; i++) o[i] = from + i;
            return o;
        }
        int[] o = new int[n - dims.length];
        for (int i = 0, k = 0; i < n; i++) if (Arrays.binarySearch(dims, i) < 0) o[k++] = i;
        return o;
    }

    private long[] sizes(int[] ds) {
        long[] s = new long[ds.length];
        for (int i = 0; i < ds.length; i++) s[i] = view.shape[ds[i]];
        return s;
    }

    long[] resultShape() {
        long[] before = sizes(outerDims()), after = sizes(innerDims());
        long[] r = new long[before.length + indexShape.length + after.length];
        System.arraycopy(before, 0, r, 0, before.length);
        System.arraycopy(indexShape, 0, r, before.length, indexShape.length);
        System.arraycopy(after, 0, r, before.length + indexShape.length, after.length);
        return r;
    }

    /** Offsets of the index block's elements in {@code strides} (one per broadcast index position). */
    private long[] blockOffsets(long[] strides) {
        int n = (int) Shapes.numel(indexShape);
        long[] off = new long[n];
        for (int j = 0; j < dims.length; j++) {
            long w = strides[dims[j]];
            long[] p = positions[j];
            for (int b = 0; b < n; b++) off[b] += p[b] * w;
        }
        return off;
    }

    // ---------------------------------------------------------------- reading and writing

    /**
     * The indexed result (a copy): the view is arranged as [before, indexed block, after], reshaped to
     * [P, K, A], and the block's linear positions are selected along the middle dim.
     */
    Tensor read() {
        Tensor v = view;
        if (!adjacent()) {
            int[] inner = innerDims();
            int[] perm = new int[v.dim()];
            System.arraycopy(dims, 0, perm, 0, dims.length);
            System.arraycopy(inner, 0, perm, dims.length, inner.length);
            v = Views.permute(v, perm);
        }
        int first = adjacent() ? dims[0] : 0, last = first + dims.length;
        long p = 1, k = 1, a = 1;
        for (int i = 0; i < v.dim(); i++) {
            if (i < first) p *= v.shape[i];
            else if (i < last) k *= v.shape[i];
            else a *= v.shape[i];
        }
        // Row-major strides inside the block, at the positions of the (possibly moved) indexed dims.
        long[] blockStrides = new long[view.dim()];
        long w = 1;
        for (int j = dims.length - 1; j >= 0; j--) {
            blockStrides[dims[j]] = w;
            w *= view.shape[dims[j]];
        }
        long[] lin = blockOffsets(blockStrides);
        Tensor v3 = Views.reshape(v, new long[]{p, k, a});
        Tensor out = Indexing.selectUnchecked(v3, 1, HostIndex.tensor(lin, v.device()));
        return Views.view(out, resultShape());
    }

    /** {@code view[indices] = values} (or {@code +=}); values has the view's dtype and broadcasts to the result. */
    void write(Tensor values, boolean accumulate) {
        long[] r = resultShape();
        try {
            Broadcast.expandedStrides(values.shape, values.stride, r);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shape mismatch: value tensor of shape " + Shapes.str(values.shape)
                    + " cannot be broadcast to indexing result of shape " + Shapes.str(r));
        }
        long[] lin = linearPositions(r);
        Tensor vals = Views.reshape(Views.expand(values, r), new long[]{-1});
        if (vals.storage == view.storage) vals = Elementwise.cloneOf(vals); // the write must not change what it reads
        long[] flatShape = {view.numel()};
        if (Views.computeStride(view.shape, view.stride, flatShape) != null) {
            putFlat(Views.view(view, flatShape), lin, vals, accumulate);
        } else {
            // A layout that cannot be flattened in place: write into a contiguous copy, then copy it back.
            Tensor tmp = Elementwise.cloneOf(view);
            putFlat(Views.view(tmp, flatShape), lin, vals, accumulate);
            Elementwise.copyInto(view, tmp);
        }
    }

    /** Positions in the view's row-major order of every element of the result, in the result's order. */
    private long[] linearPositions(long[] resultShape) {
        long[] cs = Strided.contiguousStrides(view.shape);
        int[] outer = outerDims(), inner = innerDims();
        long[] outerOff = HostIndex.offsets(sizes(outer), pick(cs, outer));
        long[] innerOff = HostIndex.offsets(sizes(inner), pick(cs, inner));
        long[] block = blockOffsets(cs);
        long[] lin = new long[Math.toIntExact(Shapes.numel(resultShape))];
        int i = 0;
        for (long o : outerOff) for (long b : block) for (long in : innerOff) lin[i++] = o + b + in;
        return lin;
    }

    private static long[] pick(long[] a, int[] idx) {
        long[] r = new long[idx.length];
        for (int i = 0; i < idx.length; i++) r[i] = a[idx[i]];
        return r;
    }

    private static void putFlat(Tensor flat, long[] lin, Tensor vals, boolean accumulate) {
        Tensor idx = HostIndex.tensor(lin, flat.device());
        Elementwise.backend(flat, vals).scatter(flat.strided(), 0, idx.strided(), vals.strided(), accumulate);
        flat.version.bump();
        Autograd.record(new Op.IndexPut(accumulate), new Tensor[]{flat, idx, vals}, flat);
    }
}

package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.spi.Backend;
import dev.jtorch.spi.HostStorage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Basic and advanced indexing, gather/scatter, masks. */
final class Indexing {
    private Indexing() {}

    // ---------------------------------------------------------------- x[...] and x[...] = v

    static Tensor get(Tensor x, List<Index> idx) {
        IndexPlan plan = IndexPlan.of(x, idx);
        if (plan.hasAdvanced()) return plan.read();
        // x[()] and x[...] are still views of x, never x itself.
        return plan.view != x ? plan.view : Views.permute(x, identity(x.dim()));
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    static void set(Tensor x, List<Index> idx, Tensor value) {
        IndexPlan plan = IndexPlan.of(x, idx);
        if (!plan.hasAdvanced() && GradMode.isEnabled() && x.requiresGrad && x.isLeaf()) {
            // Basic indexing writes through a view of x, and PyTorch says so.
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an in-place operation.");
        }
        Autograd.checkInPlace(x);
        if (!plan.hasAdvanced()) {
            // Basic indexing: copy_ into the view (any dtype, broadcast after dropping leading 1s, as setitem).
            Tensor src = dropLeadingOnes(value);
            if (src.dim() > plan.view.dim()) {
                throw new IllegalArgumentException("expand(" + legacyTypeName(src) + "{" + Shapes.str(src.shape) + "}, size="
                        + Shapes.str(plan.view.shape) + "): the number of sizes provided (" + plan.view.dim()
                        + ") must be greater or equal to the number of dimensions in the tensor (" + src.dim() + ")");
            }
            src = Views.expand(src, plan.view.shape);
            Elementwise.copyInto(plan.view, src);
            return;
        }
        Tensor v = value.isWrappedNumber() ? Elementwise.castRaw(value, x.dtype) : value;
        checkPutDtype(x, v);
        plan.write(dropLeadingOnes(v), false);
    }

    /** PyTorch's legacy tensor type names used by expand's message: torch.FloatTensor, torch.cuda.LongTensor ... */
    private static String legacyTypeName(Tensor t) {
        return (t.device().isCpu() ? "torch." : "torch.cuda.") + TypePromotion.shortName(t.dtype) + "Tensor";
    }

    private static Tensor dropLeadingOnes(Tensor t) {
        int k = 0;
        while (k < t.dim() && t.shape[k] == 1) k++;
        return k == 0 ? t : Views.view(t, Arrays.copyOfRange(t.shape, k, t.dim()));
    }

    private static void checkPutDtype(Tensor x, Tensor values) {
        if (values.dtype != x.dtype) {
            throw new IllegalArgumentException("Index put requires the source and destination dtypes match, got "
                    + TypePromotion.shortName(x.dtype) + " for the destination and " + TypePromotion.shortName(values.dtype)
                    + " for the source.");
        }
    }

    static Tensor indexPut(Tensor x, Tensor[] indices, Tensor values, boolean accumulate) {
        Autograd.checkInPlace(x);
        checkPutDtype(x, values);
        List<Index> entries = new ArrayList<>(indices.length);
        long consumed = 0;
        boolean any = false;
        for (Tensor t : indices) {
            entries.add(t == null ? Index.ALL : new Index.TensorIndex(t));
            any |= t != null;
            consumed += t != null && (t.dtype == DType.BOOL || t.dtype == DType.UINT8) ? t.dim() : 1;
        }
        if (consumed > x.dim()) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + x.dim() + " (got " + consumed + ")");
        }
        if (!any) throw new IllegalArgumentException("index_put_: expected at least one index tensor, got only nulls");
        IndexPlan.of(x, entries).write(values, accumulate);
        return x;
    }

    // ---------------------------------------------------------------- index_select, gather, scatter

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.dim() > 1) throw new IndexOutOfBoundsException("index_select(): Index is supposed to be a vector");
        if (index.dtype != DType.INT64 && index.dtype != DType.INT32) {
            throw new IllegalArgumentException("index_select(): Expected dtype int32 or int64 for index");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.dim() == 0 ? 1 : x.shape[d];
        long[] pos = HostIndex.longs(index);
        checkInRange(pos, size);
        if (x.dim() == 0) {
            // PyTorch keeps a 0-dim result (every valid position is the one element).
            Tensor one = selectUnchecked(Views.view(x, new long[]{1}), 0, HostIndex.tensor(new long[]{0}, x.device()));
            return Views.view(one, new long[0]);
        }
        return selectUnchecked(x, d, HostIndex.tensor(pos, x.device()));
    }

    /**
     * A loop of its own: once it ran hot inside indexSelect (a DataLoader's 64 positions per batch), C2 compiled the
     * whole method a second time from the loop (on-stack replacement, 52 KB of code, 0.3 s of its time in the first
     * epoch of the MLP demo).
     */
    private static void checkInRange(long[] pos, long size) {
        for (long p : pos) if (p < 0 || p >= size) throw new IndexOutOfBoundsException("index out of range in self");
    }

    /** The index_select primitive on validated, wrapped int64 positions on x's device. */
    static Tensor selectUnchecked(Tensor x, int dim, Tensor index64) {
        long[] shape = x.shape.clone();
        shape[dim] = index64.numel();
        Tensor out = Tensor.allocate(shape, x.dtype, x.device());
        if (out.numel() > 0) Elementwise.backend(x).indexSelect(x.strided(), dim, index64.strided(), out.strided());
        Autograd.record(new Op.IndexSelect(dim), new Tensor[]{x, index64}, out);
        return out;
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        if (index.dtype != DType.INT64) throw new IllegalArgumentException("gather(): Expected dtype int64 for index");
        int d = Shapes.wrapDim(dim, x.dim());
        if (Math.max(index.dim(), 1) != Math.max(x.dim(), 1)) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as input tensor");
        }
        Tensor xs = atLeast1d(x), is = atLeast1d(index);
        for (int i = 0; i < xs.dim(); i++) {
            if (i != d && is.shape[i] > xs.shape[i]) {
                throw new IllegalArgumentException("Size does not match at dimension " + i + " expected index "
                        + Shapes.str(index.shape) + " to be smaller than self " + Shapes.str(x.shape)
                        + " apart from dimension " + d);
            }
        }
        checkPositions(index, xs.shape[d], d);
        Tensor out = Tensor.allocate(is.shape, x.dtype, x.device());
        if (out.numel() > 0) Elementwise.backend(x, index).gather(xs.strided(), d, is.strided(), out.strided());
        if (index.dim() == 0) out = Views.view(out, new long[0]);
        Autograd.record(new Op.Gather(d), new Tensor[]{x, index}, out);
        return out;
    }

    private static Tensor atLeast1d(Tensor t) { return t.dim() == 0 ? t.viewOf(new long[]{1}, new long[]{1}, t.offset) : t; }

    /** gather/scatter positions are not wrapped: each must lie in [0, size). */
    private static void checkPositions(Tensor index, long size, int dim) {
        long[] xs;
        int from, to;
        if (index.isContiguous() && index.storage instanceof HostStorage hs && hs.array() instanceof long[] a) {
            xs = a; // read in place: a copy of the positions (a max-pooling backward's) cost as much as the scatter
            from = Math.toIntExact(index.offset);
            to = from + Math.toIntExact(index.numel());
        } else {
            xs = HostIndex.longs(index);
            from = 0;
            to = xs.length;
        }
        for (int i = from; i < to; i++) {
            long p = xs[i];
            if (p < 0 || p >= size) {
                throw new IndexOutOfBoundsException("index " + p + " is out of bounds for dimension " + dim + " with size " + size);
            }
        }
    }

    static Tensor scatter(Tensor x, int dim, Tensor index, Tensor src, boolean add, boolean inPlace) {
        if (inPlace) Autograd.checkInPlace(x);
        // PyTorch names scatter_add's checks "scatter()" too.
        if (index.dtype != DType.INT64) throw new IllegalArgumentException("scatter(): Expected dtype int64 for index");
        if (src.dtype != x.dtype) throw new IllegalArgumentException("scatter(): Expected self.dtype to be equal to src.dtype");
        int d = Shapes.wrapDim(dim, x.dim());
        if (Math.max(index.dim(), 1) != Math.max(x.dim(), 1)) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as self tensor");
        }
        if (Math.max(index.dim(), 1) != Math.max(src.dim(), 1)) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as src tensor");
        }
        Tensor xs = atLeast1d(x), is = atLeast1d(index), ss = atLeast1d(src);
        for (int i = 0; i < xs.dim(); i++) {
            if (is.shape[i] > ss.shape[i] || (i != d && is.shape[i] > xs.shape[i])) {
                throw new IllegalArgumentException("Expected index " + Shapes.str(index.shape) + " to be smaller than self "
                        + Shapes.str(x.shape) + " apart from dimension " + d + " and to be smaller size than src "
                        + Shapes.str(src.shape));
            }
        }
        checkPositions(index, xs.shape[d], d);
        Tensor target = inPlace ? x : Elementwise.castRaw(x, x.dtype);
        Tensor s = src.storage == target.storage ? Elementwise.castRaw(src, src.dtype) : src;
        Tensor ts = atLeast1d(target);
        if (index.numel() > 0) Elementwise.backend(x, index, src).scatter(ts.strided(), d, is.strided(), atLeast1d(s).strided(), add);
        if (inPlace) x.version.bump();
        Autograd.record(new Op.Scatter(d, add), new Tensor[]{x, index, src}, target);
        return target;
    }

    /** A tensor of {@code value} with x's dtype broadcast to index's shape (scatter with a scalar). */
    static Tensor valueLike(Tensor x, Tensor index, double value) {
        Tensor v = Elementwise.fillRaw(Tensor.allocate(new long[0], x.dtype, x.device()), value);
        return Views.expand(v, index.shape);
    }

    // ---------------------------------------------------------------- masks

    static Tensor maskedFill(Tensor x, Tensor mask, double value, boolean inPlace) {
        if (inPlace) Autograd.checkInPlace(x);
        if (mask.dtype != DType.BOOL) {
            throw new IllegalArgumentException("masked_fill_ only supports boolean masks, but got mask with dtype "
                    + TypePromotion.cppName(mask.dtype));
        }
        long[] shape = Broadcast.shapes(mask.shape, x.shape);
        if (inPlace && !Arrays.equals(shape, x.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(x.shape) + " doesn't match the broadcast shape "
                    + Shapes.str(shape));
        }
        // The fill value takes x's dtype (masked_fill never promotes): a 0-dim tensor of that dtype.
        Tensor v = Elementwise.fillRaw(Tensor.allocate(new long[0], x.dtype, x.device()), value);
        Tensor filled = Elementwise.where(mask, v, x);
        return inPlace ? Elementwise.copyInto(x, filled) : filled;
    }

    static Tensor maskedSelect(Tensor x, Tensor mask) {
        if (mask.dtype != DType.BOOL && mask.dtype != DType.UINT8) {
            throw new IllegalArgumentException("masked_select: expected BoolTensor or ByteTensor for mask");
        }
        long[] shape = Broadcast.shapes(mask.shape, x.shape);
        Tensor xe = Views.expand(x, shape), me = Views.expand(mask, shape);
        return get(xe, List.of(new Index.TensorIndex(me)));
    }

    static Tensor nonzero(Tensor x) {
        Backend be = Elementwise.backend(x);
        long n = be.countNonzero(x.strided());
        Tensor out = Tensor.allocate(new long[]{n, x.dim()}, DType.INT64, x.device());
        if (out.numel() > 0) be.nonzero(x.strided(), out.strided());
        Autograd.record(new Op.Nonzero(), new Tensor[]{x}, out);
        return out;
    }
}

package dev.jtorch;

import java.util.Arrays;

/** take, take_along_dim, index_add/fill/copy and bincount, written with gather, scatter and index_select. */
final class IndexComposites {
    private IndexComposites() {}

    /** x read as if flattened, at int64 positions (negative from the end), in index's shape. */
    static Tensor take(Tensor x, Tensor index) {
        if (index.dtype != DType.INT64) {
            throw new IllegalArgumentException("take(): Expected a long tensor for index, but got " + TypePromotion.shortName(index.dtype));
        }
        long n = x.numel();
        long[] pos = HostIndex.longs(index);
        for (int i = 0; i < pos.length; i++) {
            if (pos[i] < -n || pos[i] >= n) {
                throw new IndexOutOfBoundsException("out of range: tried to access index " + pos[i] + " on a tensor of " + n + " elements.");
            }
            if (pos[i] < 0) pos[i] += n;
        }
        Tensor flat = x.reshape(-1);
        return Indexing.selectUnchecked(flat, 0, HostIndex.tensor(pos, x.device())).reshape(index.shape);
    }

    /** torch.take_along_dim without dim: take along the flattened input. */
    static Tensor takeAlongDim(Tensor x, Tensor indices) {
        return x.reshape(-1).gather(0, indices.reshape(-1));
    }

    /** torch.take_along_dim: gather along dim after broadcasting x and indices over the other dims. */
    static Tensor takeAlongDim(Tensor x, Tensor indices, int dim) {
        if (indices.dtype != DType.INT64) {
            throw new IllegalArgumentException("torch.take_along_dim(): dtype of indices should be Long but got "
                    + TypePromotion.shortName(indices.dtype));
        }
        if (x.dim() != indices.dim()) {
            throw new IllegalArgumentException("torch.take_along_dim(): input and indices should have the same number of "
                    + "dimensions, but got " + x.dim() + " dimensions for input, and " + indices.dim() + " dimensions for indices");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.dim() == 0) return x.gather(0, indices);
        long[] xs = x.shape.clone(), is = indices.shape.clone();
        xs[d] = 1;
        is[d] = 1;
        long[] common = Broadcast.shapes(xs, is);
        long[] xTo = common.clone(), iTo = common.clone();
        xTo[d] = x.shape[d];
        iTo[d] = indices.shape[d];
        return x.expand(xTo).gather(d, indices.expand(iTo));
    }

    /** index (a vector of positions along dim) spread to {@code shape}, where shape[dim] is its length. */
    private static Tensor spread(Tensor index, int dim, long[] shape) {
        long[] view = new long[shape.length];
        Arrays.fill(view, 1);
        view[dim] = index.numel();
        return index.reshape(view).expand(shape);
    }

    private static int checkIndexArgs(String op, Tensor x, int dim, Tensor index, Tensor source) {
        if (index.dim() > 1 && source == null) throw new IllegalArgumentException("Index has to be a vector/scalar");
        if (index.dim() > 1) {
            throw new IllegalArgumentException(op + "(): Index is supposed to be a vector, but got dim: " + index.dim()
                    + " with type: " + TypePromotion.shortName(index.dtype) + " and size: " + Shapes.str(index.shape));
        }
        if (index.dtype != DType.INT64 && index.dtype != DType.INT32) {
            throw new IllegalArgumentException(op + "(): Expected dtype int32/int64 for index");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        if (source == null) return d;
        if (source.dim() != x.dim()) {
            throw new IllegalArgumentException(op + "(): Source and destination tensors must have the same number of dimensions");
        }
        long along = source.dim() == 0 ? 1 : source.shape[d];
        if (index.numel() != along) {
            throw new IllegalArgumentException(op + "(): Number of indices (" + index.numel() + ") should be equal to source.size(dim): ("
                    + along + "), for dim: " + d);
        }
        long[] dstSlice = without(x.shape, d), srcSlice = without(source.shape, d);
        if (!Arrays.equals(dstSlice, srcSlice)) {
            throw new IllegalArgumentException(op + "(): Source/destination tensor must have same slice shapes. Destination slice "
                    + "shape: " + sliceStr(dstSlice) + " at dimension " + d + " and source slice shape: " + sliceStr(srcSlice)
                    + " at dimension " + d + ".");
        }
        return d;
    }

    /**
     * index as int64 positions along dim d of x, checked with each op's PyTorch message; index_fill alone takes
     * negative positions from the end.
     */
    private static Tensor positions(String op, Tensor x, int d, Tensor index) {
        long size = x.dim() == 0 ? 1 : x.shape[d];
        long[] pos = HostIndex.longs(index);
        for (int i = 0; i < pos.length; i++) {
            long p = pos[i];
            if (op.equals("index_fill_") && p < 0 && p >= -size) pos[i] = p += size;
            if (p >= 0 && p < size) continue;
            throw new IndexOutOfBoundsException(op.equals("index_add_") ? "index out of range in self"
                    : op + "(): index " + p + " is out of bounds for dimension " + d + " with size " + size);
        }
        return HostIndex.tensor(pos, x.device());
    }

    /** A 0-dim x computed as one element: the result back as 0-dim, or written into x. */
    private static Tensor scalarResult(Tensor x, Tensor one, boolean inPlace) {
        Tensor r = one.reshape();
        return inPlace ? x.copy_(r) : r;
    }

    private static long[] without(long[] shape, int d) {
        long[] r = new long[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) if (i != d) r[k++] = shape[i];
        return r;
    }

    /** As PyTorch prints a slice shape in these messages: the sizes separated by spaces. */
    private static String sliceStr(long[] s) {
        StringBuilder b = new StringBuilder();
        for (long v : s) b.append(b.length() == 0 ? "" : " ").append(v);
        return b.toString();
    }

    /** x with alpha·source[i] added at position index[i] along dim (repeats accumulate), as index_add. */
    static Tensor indexAdd(Tensor x, int dim, Tensor index, Tensor source, double alpha, boolean inPlace) {
        int d = checkIndexArgs("index_add_", x, dim, index, source);
        if (x.dim() == 0) return scalarResult(x, indexAdd(x.reshape(1), 0, index, source.reshape(1), alpha, false), inPlace);
        Tensor idx = spread(positions("index_add_", x, d, index), d, source.shape);
        Tensor src = alpha == 1 ? source : source.mul(alpha).to(x.dtype);
        return inPlace ? x.scatterAdd_(d, idx, src) : x.scatterAdd(d, idx, src);
    }

    /** x with source[i] written at position index[i] along dim, as index_copy. */
    static Tensor indexCopy(Tensor x, int dim, Tensor index, Tensor source, boolean inPlace) {
        int d = checkIndexArgs("index_copy_", x, dim, index, source);
        if (x.dim() == 0) return scalarResult(x, indexCopy(x.reshape(1), 0, index, source.reshape(1), false), inPlace);
        Tensor idx = spread(positions("index_copy_", x, d, index), d, source.shape);
        return inPlace ? x.scatter_(d, idx, source) : x.scatter(d, idx, source);
    }

    /** x with value written at the positions index along dim, as index_fill. */
    static Tensor indexFill(Tensor x, int dim, Tensor index, double value, boolean inPlace) {
        int d = checkIndexArgs("index_fill_", x, dim, index, null);
        if (x.dim() == 0) return scalarResult(x, indexFill(x.reshape(1), 0, index, value, false), inPlace);
        long[] shape = x.shape.clone();
        shape[d] = index.numel();
        Tensor idx = spread(positions("index_fill_", x, d, index), d, shape);
        Tensor src = Indexing.valueLike(x, idx, value);
        return inPlace ? x.scatter_(d, idx, src) : x.scatter(d, idx, src);
    }

    /** Counts (or weight sums) of each value of a 1-d non-negative integer tensor, as torch.bincount. */
    static Tensor bincount(Tensor x, Tensor weights, long minlength) {
        if (!x.dtype.isIntegral() && x.dtype != DType.BOOL) throw Elementwise.notImplemented("bincount_cpu", x.dtype);
        if (minlength < 0) throw new IllegalArgumentException("minlength should be >= 0");
        if (x.dim() != 1 || (x.numel() > 0 && x.min().itemLong() < 0)) {
            throw new IllegalArgumentException("bincount only supports 1-d non-negative integral inputs.");
        }
        if (weights != null && (weights.dim() != 1 || weights.numel() != x.numel())) {
            throw new IllegalArgumentException("weights should be 1-d and have the same length as input");
        }
        long n = Math.max(minlength, x.numel() == 0 ? 0 : x.max().itemLong() + 1);
        DType out = weights == null ? DType.INT64 : weights.dtype.isFloatingPoint() ? weights.dtype : DType.FLOAT64;
        Tensor counts = Torch.zeros(new long[]{n}, out, x.device());
        Tensor add = weights == null ? Torch.ones(new long[]{x.numel()}, DType.INT64).to(x.device()) : weights.to(out);
        return counts.scatterAdd(0, x.to(DType.INT64), add);
    }
}

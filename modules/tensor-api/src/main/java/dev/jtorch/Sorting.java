package dev.jtorch;

import dev.jtorch.ops.Op;

/** sort, argsort and topk. */
final class Sorting {
    private Sorting() {}

    static ValuesIndices sort(Tensor x, int dim, boolean descending, boolean stable) {
        int d = Shapes.wrapDim(dim, x.dim());
        // A 0-dim tensor sorts as one element along dim 0.
        Tensor src = x.dim() == 0 ? x.viewOf(new long[]{1}, new long[]{1}, x.offset) : x;
        int sd = x.dim() == 0 ? 0 : d;
        DType compute = x.dtype.computeType();
        Tensor values = Tensor.allocate(src.shape, compute, x.device());
        Tensor indices = Tensor.allocate(src.shape, DType.INT64, x.device());
        if (src.numel() > 0) {
            // Always stable: equal elements keep their order, as PyTorch's CPU sort gives them in practice.
            Elementwise.backend(x).sort(Elementwise.operand(src, compute, src.shape), sd, descending, true,
                    values.strided(), indices.strided());
        }
        if (values.dtype != x.dtype) values = Elementwise.castRaw(values, x.dtype);
        if (x.dim() == 0) {
            values = Reductions.relabel(values, new long[0]);
            indices = Reductions.relabel(indices, new long[0]);
        }
        Autograd.record(new Op.Sort(d, descending, stable), new Tensor[]{x}, values, indices);
        return new ValuesIndices(values, indices);
    }

    /** The k largest (or smallest) along dim, in sorted order (also when {@code sorted} is false). */
    static ValuesIndices topk(Tensor x, long k, int dim, boolean largest, boolean sorted) {
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.dim() == 0 ? 1 : x.shape[d];
        if (k < 0 || k > size) throw new IllegalArgumentException("selected index k out of range");
        // A stable sort keeps the first of equal elements first, as PyTorch's CPU topk does.
        ValuesIndices all = sort(x, d, largest, true);
        if (x.dim() == 0) return all;
        return new ValuesIndices(all.values().narrow(d, 0, k).contiguous(), all.indices().narrow(d, 0, k).contiguous());
    }
}

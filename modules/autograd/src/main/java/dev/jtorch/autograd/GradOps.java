package dev.jtorch.autograd;

import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.Arrays;

/** Tensor helpers shared by the backward formulas and the engine; all are public Tensor ops, so they record under create_graph. */
final class GradOps {
    private GradOps() {}

    /** The shape of {@code t} as a fresh array (one allocation, unlike {@code size().toArray()}). */
    static long[] shapeOf(Tensor t) {
        long[] s = new long[t.dim()];
        for (int d = 0; d < s.length; d++) s[d] = t.size(d);
        return s;
    }

    /** True when {@code t} has exactly {@code shape}, without allocating. */
    static boolean hasShape(Tensor t, long[] shape) {
        if (t.dim() != shape.length) return false;
        for (int d = 0; d < shape.length; d++) if (t.size(d) != shape[d]) return false;
        return true;
    }

    static Tensor zeros(long[] shape, Tensor like) { return Torch.zeros(shape, like.dtype(), like.device()); }

    static Tensor zerosLike(Tensor t) { return Torch.zerosLike(t); }

    /** True when {@code shape} broadcasts to {@code target}. */
    static boolean expandable(long[] shape, long[] target) {
        if (shape.length > target.length) return false;
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != target[lead + i] && shape[i] != 1) return false;
        }
        return true;
    }

    /** Sums a gradient of a broadcast shape back to {@code shape} (PyTorch's {@code sum_to}). */
    static Tensor sumTo(Tensor g, long[] shape) {
        if (hasShape(g, shape)) return g;
        long[] gs = shapeOf(g);
        int lead = gs.length - shape.length;
        int[] dims = new int[gs.length];
        int n = 0;
        for (int i = 0; i < lead; i++) dims[n++] = i;
        for (int i = 0; i < shape.length; i++) if (shape[i] == 1 && gs[lead + i] != 1) dims[n++] = lead + i;
        Tensor r = n == 0 ? g : g.sum(Arrays.copyOf(dims, n), true);
        return r.reshape(shape);
    }

    /** Puts back the reduced dims of a reduction's gradient (when keepdim was false). */
    static Tensor unsqueezeDims(Tensor g, int[] sortedDims, boolean keepdim) {
        if (keepdim) return g;
        Tensor r = g;
        for (int d : sortedDims) r = r.unsqueeze(d);
        return r;
    }

    /** {@code g} where {@code cond}, else zero. */
    static Tensor maskGrad(Tensor cond, Tensor g) { return Torch.where(cond, g, 0.0); }

    /**
     * {@code y <= threshold ? 0 : g} (a NaN in y lets g through, as PyTorch's threshold_backward): one pass on the CPU;
     * the CUDA backend has no threshold_backward kernel yet, so there the same rule runs as a comparison and a where.
     */
    static Tensor thresholdGrad(Tensor g, Tensor y, double threshold) {
        return y.device().type() == Device.Type.CPU
                ? Torch.thresholdBackward(g, y, threshold)
                : Torch.where(y.le(threshold), 0.0, g);
    }

    /** Reverse (right-to-left) inclusive cumulative sum along {@code dim}. */
    static Tensor reverseCumsum(Tensor g, int dim) {
        return g.sum(dim, true).sub(g.cumsum(dim)).add(g);
    }

    /**
     * A copy of {@code g} laid out with {@code stride} (a dense, non-overlapping layout): PyTorch's
     * gradient layout contract, and what CopySlices needs to address a view's elements in it.
     */
    static Tensor cloneWithStrides(Tensor g, long[] stride) {
        int n = stride.length;
        long[] shape = g.size().toArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // Outermost first: larger strides, then (for equal strides of size-1 dims) original order.
        Arrays.sort(order, (a, b) -> stride[a] != stride[b] ? Long.compare(stride[b], stride[a]) : Integer.compare(a, b));
        int[] perm = new int[n];
        int[] inverse = new int[n];
        boolean identity = true;
        for (int i = 0; i < n; i++) {
            perm[i] = order[i];
            inverse[order[i]] = i;
            identity &= order[i] == i;
        }
        if (!isDense(shape, stride, perm)) {
            throw new UnsupportedOperationException("autograd: a gradient with the layout of a tensor with overlapping or "
                    + "gapped strides " + Messages.sizes(stride) + " is not supported");
        }
        if (identity) return g.clone();
        return g.permute(perm).clone().permute(inverse);
    }

    /** True when the dims taken in {@code perm} order are contiguous (ignoring size-1 dims). */
    static boolean isDense(long[] shape, long[] stride, int[] perm) {
        long expected = 1;
        for (int i = perm.length - 1; i >= 0; i--) {
            int d = perm[i];
            if (shape[d] == 1) continue;
            if (shape[d] == 0) return true;
            if (stride[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** True when the layout is dense and non-overlapping in some dim order. */
    static boolean isNonOverlappingDense(long[] shape, long[] stride) {
        int n = stride.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(stride[b], stride[a]));
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = order[i];
        return isDense(shape, stride, perm);
    }

    /** A gradient laid out as the variable it is for (contiguous unless the variable is dense in another order). */
    static Tensor cloneForGrad(Tensor g, Tensor variable) {
        long[] stride = variable.stride();
        long[] shape = variable.size().toArray();
        if (!variable.isContiguous() && isNonOverlappingDense(shape, stride)) return cloneWithStrides(g, stride);
        return g.clone();
    }

    /** A zero tensor with the variable's layout when it is dense, else contiguous (the gradient layout contract). */
    static Tensor emptyForGrad(Tensor variable) {
        long[] stride = variable.stride();
        long[] shape = variable.size().toArray();
        if (variable.isContiguous() || !isNonOverlappingDense(shape, stride)) return zeros(shape, variable);
        return cloneWithStrides(zeros(shape, variable), stride);
    }

    static boolean hasNaN(Tensor t) {
        if (!t.isFloatingPoint() || t.numel() == 0) return false;
        return t.ne(t).any().itemBoolean();
    }
}

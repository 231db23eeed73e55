package dev.jtorch;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.Op;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.spi.Backend;
import dev.jtorch.spi.Strided;

/** Reductions over dims with keepdim, their index-returning forms, scans, and the composites built on them. */
final class Reductions {
    private Reductions() {}

    /** Wrapped, de-duplicated reduced dims; null means all dims. */
    private static int[] reducedDims(Tensor x, int[] dims) {
        int n = x.dim();
        if (n == 0) {
            if (dims != null) for (int d : dims) Shapes.wrapDim(d, 0);
            return new int[0];
        }
        if (dims == null || dims.length == 0) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        boolean[] mask = Shapes.dimMask(dims, n);
        int[] out = new int[dims.length];
        for (int i = 0, k = 0; i < n; i++) if (mask[i]) out[k++] = i;
        return out;
    }

    private static long[] keptShape(long[] shape, int[] rdims) {
        long[] k = shape.clone();
        for (int d : rdims) k[d] = 1;
        return k;
    }

    private static long[] droppedShape(long[] shape, int[] rdims) {
        boolean[] r = new boolean[shape.length];
        for (int d : rdims) r[d] = true;
        int n = 0;
        for (boolean b : r) if (!b) n++;
        long[] s = new long[n];
        for (int i = 0, k = 0; i < shape.length; i++) if (!r[i]) s[k++] = shape[i];
        return s;
    }

    /** A fresh tensor over {@code t}'s contiguous storage with another shape (no view bookkeeping). */
    static Tensor relabel(Tensor t, long[] shape) {
        return new Tensor(t.storage, t.dtype, shape, Strided.contiguousStrides(shape), t.offset, new VersionCounter(), false);
    }

    private static String opName(ReduceOp op) {
        return switch (op) {
            case SUM -> "sum";
            case PROD -> "prod";
            case MAX -> "max";
            case MIN -> "min";
            case ALL -> "all";
            case ANY -> "any";
        };
    }

    /** Computes a reduction, unrecorded, in {@code outType}. */
    private static Tensor reduceRaw(ReduceOp op, Tensor x, int[] rdims, boolean keepdim, DType outType, boolean global) {
        if ((op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            if (global && x.numel() == 0) {
                throw new IllegalArgumentException(opName(op) + "(): Expected reduction dim to be specified for input.numel() == 0."
                        + " Specify the reduction dim with the 'dim' argument.");
            }
            for (int d : rdims) {
                if (x.shape[d] == 0) {
                    throw new IllegalArgumentException("a" + opName(op) + "(): Expected reduction dim " + d
                            + " to have non-zero size.");
                }
            }
        }
        Backend be = Elementwise.backend(x);
        boolean logical = op == ReduceOp.ALL || op == ReduceOp.ANY;
        DType compute = logical ? x.dtype : outType.computeType();
        Tensor out = Tensor.allocate(keptShape(x.shape, rdims), logical ? DType.BOOL : compute, x.device());
        be.reduce(op, logical ? x.strided() : Elementwise.operand(x, compute, x.shape), rdims, out.strided());
        if (out.dtype != outType) out = Elementwise.castRaw(out, outType);
        return keepdim ? out : relabel(out, droppedShape(x.shape, rdims));
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepdim, DType dtype) {
        if (Autocast.maybeActive()
                && dtype == null && Autocast.redo(AutocastOp.SUM,
                t -> sum(t[0], dims, keepdim, dtype), x) instanceof Tensor r) return r;
        DType outType = dtype != null ? dtype : (x.dtype.isFloatingPoint() ? x.dtype : DType.INT64);
        int[] rd = reducedDims(x, dims);
        Tensor out = reduceRaw(ReduceOp.SUM, x, rd, keepdim, outType, dims == null);
        Autograd.record(new Op.Reduce(ReduceOp.SUM, rd, keepdim), new Tensor[]{x}, out);
        return out;
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepdim) {
        if (Autocast.maybeActive()
                && op == ReduceOp.PROD && Autocast.redo(AutocastOp.PROD,
                t -> reduce(op, t[0], dims, keepdim), x) instanceof Tensor r) return r;
        DType outType = switch (op) {
            case SUM, PROD -> x.dtype.isFloatingPoint() ? x.dtype : DType.INT64;
            case MAX, MIN -> x.dtype;
            case ALL, ANY -> x.dtype == DType.UINT8 ? DType.UINT8 : DType.BOOL; // PyTorch keeps uint8 for all/any
        };
        int[] rd = reducedDims(x, dims);
        Tensor out = reduceRaw(op, x, rd, keepdim, outType, dims == null);
        Autograd.record(new Op.Reduce(op, rd, keepdim), new Tensor[]{x}, out);
        return out;
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        if (!x.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be either a floating point"
                    + " or complex dtype. Got: " + TypePromotion.shortName(x.dtype));
        }
        int[] rd = reducedDims(x, dims);
        long n = 1;
        for (int d : rd) n *= x.shape[d];
        Tensor s = reduceRaw(ReduceOp.SUM, x, rd, keepdim, x.dtype.computeType(), false);
        Tensor out = Tensor.allocate(s.shape, s.dtype, s.device());
        Elementwise.backend(s).binary(BinaryOp.DIV, s.strided(),
                Elementwise.operand(Torch.scalar((double) n), s.dtype, s.shape, s.device()), out.strided());
        if (out.dtype != x.dtype) out = Elementwise.castRaw(out, x.dtype);
        Autograd.record(new Op.Mean(rd, keepdim), new Tensor[]{x}, out);
        return out;
    }

    /** torch.nansum: NaN counts as zero; integer and bool tensors sum as usual. dims null: all of them. */
    static Tensor nansum(Tensor x, int[] dims, boolean keepdim) {
        Tensor v = x.isFloatingPoint() ? Torch.where(x.isnan(), 0.0, x) : x;
        return dims == null ? v.sum() : v.sum(dims, keepdim);
    }

    /** torch.nanmean: the mean of the values that are not NaN (NaN where there are none). */
    static Tensor nanmean(Tensor x, int[] dims, boolean keepdim) {
        if (!x.isFloatingPoint()) {
            throw new IllegalArgumentException("nanmean(): expected input to have floating point dtype but got "
                    + TypePromotion.shortName(x.dtype));
        }
        Tensor kept = x.isnan().logicalNot();
        Tensor count = dims == null ? kept.sum() : kept.sum(dims, keepdim);
        return nansum(x, dims, keepdim).div(count);
    }

    /** torch.count_nonzero: int64 counts over dims (null: all of them), which are dropped. */
    static Tensor countNonzero(Tensor x, int[] dims) {
        Tensor nonzero = x.ne(0L);
        return dims == null ? nonzero.sum() : nonzero.sum(dims, false);
    }

    static ValuesIndices withIndex(ReduceOp op, Tensor x, int dim, boolean keepdim) {
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.dim() > 0 && x.shape[d] == 0) {
            throw new IndexOutOfBoundsException(opName(op) + "(): Expected reduction dim " + d + " to have non-zero size.");
        }
        Tensor src = x.dim() == 0 ? relabel(x.contiguous(), new long[]{1}) : x;
        int dd = x.dim() == 0 ? 0 : d;
        DType compute = x.dtype.computeType();
        long[] kept = keptShape(src.shape, new int[]{dd});
        Tensor values = Tensor.allocate(kept, compute, x.device());
        Tensor indices = Tensor.allocate(kept, DType.INT64, x.device());
        Elementwise.backend(x).reduceWithIndex(op, Elementwise.operand(src, compute, src.shape), dd,
                values.strided(), indices.strided());
        if (values.dtype != x.dtype) values = Elementwise.castRaw(values, x.dtype);
        long[] finalShape = x.dim() == 0 ? new long[0] : keepdim ? kept : droppedShape(src.shape, new int[]{dd});
        values = relabel(values, finalShape);
        indices = relabel(indices, finalShape);
        Autograd.record(new Op.ReduceWithIndex(op, d, keepdim), new Tensor[]{x}, values, indices);
        return new ValuesIndices(values, indices);
    }

    static Tensor argReduce(ReduceOp op, Tensor x, Integer dim, boolean keepdim) {
        if (dim == null) {
            if (x.numel() == 0) {
                throw new IllegalArgumentException("arg" + opName(op) + "(): Expected reduction dim to be specified for input.numel() == 0.");
            }
            try (var g = GradMode.noGrad()) {
                Tensor idx = withIndex(op, x.reshape(-1), 0, false).indices();
                return keepdim ? relabel(idx, onesShape(x.dim())) : idx;
            }
        }
        try (var g = GradMode.noGrad()) {
            return withIndex(op, x, dim, keepdim).indices();
        }
    }

    private static long[] onesShape(int n) {
        long[] s = new long[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    static Tensor scan(ScanOp op, Tensor x, int dim) {
        if (Autocast.maybeActive()
                && Autocast.redo(op == ScanOp.CUMSUM ? AutocastOp.CUMSUM : AutocastOp.CUMPROD,
                t -> scan(op, t[0], dim), x) instanceof Tensor r) return r;
        int d = Shapes.wrapDim(dim, x.dim());
        DType outType = x.dtype.isFloatingPoint() ? x.dtype : DType.INT64;
        DType compute = outType.computeType();
        Tensor src = x.dim() == 0 ? relabel(x.contiguous(), new long[]{1}) : x;
        Tensor out = Tensor.allocate(src.shape, compute, x.device());
        Elementwise.backend(x).scan(op, Elementwise.operand(src, compute, src.shape), x.dim() == 0 ? 0 : d, out.strided());
        if (out.dtype != outType) out = Elementwise.castRaw(out, outType);
        if (x.dim() == 0) out = relabel(out, new long[0]);
        Autograd.record(new Op.Scan(op, d), new Tensor[]{x}, out);
        return out;
    }

    /**
     * softmax ({@code log}: log-softmax) along {@code dim} as one primitive: the row's maximum subtracted, with no
     * special case, as PyTorch's kernels (a row holding +inf or NaN, or only -inf, gives NaN). Floating dtypes only.
     */
    static Tensor softmax(Tensor x, int dim, boolean log) {
        if (Autocast.maybeActive() && Autocast.redo(log ? AutocastOp.LOG_SOFTMAX : AutocastOp.SOFTMAX,
                t -> softmax(t[0], dim, log), x) instanceof Tensor r) return r;
        int d = Shapes.wrapDim(dim, x.dim());
        if (!x.dtype.isFloatingPoint()) {
            throw Elementwise.notImplemented(log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl", x.dtype);
        }
        DType compute = x.dtype.computeType();
        // backends read a contiguous input (Backend.softmax): a transposed or sliced view is copied once, unrecorded
        Tensor src = x.isContiguous() ? x : Elementwise.castRaw(x, compute);
        if (x.dim() == 0) src = relabel(src, new long[]{1});
        Tensor out = Tensor.allocateForWrite(src.shape, compute, x.device());
        if (out.numel() > 0) Elementwise.backend(x).softmax(Elementwise.operand(src, compute, src.shape), x.dim() == 0 ? 0 : d, log, out.strided());
        if (out.dtype != x.dtype) out = Elementwise.castRaw(out, x.dtype);
        if (x.dim() == 0) out = relabel(out, new long[0]);
        Autograd.record(log ? new Op.LogSoftmax(d) : new Op.Softmax(d), new Tensor[]{x}, out);
        return out;
    }

    // ---- composites

    static Tensor var(Tensor x, int[] dims, double correction, boolean keepdim) {
        if (!x.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("std and var only support floating point and complex dtypes");
        }
        int[] rd = reducedDims(x, dims);
        long n = 1;
        for (int d : rd) n *= x.shape[d];
        Tensor centered = x.sub(x.mean(rd, true));
        return centered.mul(centered).sum(rd, keepdim).div(Math.max(0.0, n - correction));
    }

    static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.NORM,
                t -> norm(t[0], p, dims, keepdim), x) instanceof Tensor r) return r;
        if (!x.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("norm(): input dtype should be either floating point or complex. Got "
                    + TypePromotion.shortName(x.dtype) + " instead.");
        }
        int[] rd = reducedDims(x, dims);
        if (p == 2) return x.mul(x).sum(rd, keepdim).sqrt();
        if (p == 1) return x.abs().sum(rd, keepdim);
        if (p == Double.POSITIVE_INFINITY) return x.abs().amax(rd, keepdim);
        if (p == Double.NEGATIVE_INFINITY) return x.abs().amin(rd, keepdim);
        if (p == 0) return x.ne(0.0).to(x.dtype).sum(rd, keepdim);
        return x.abs().pow(p).sum(rd, keepdim).pow(1.0 / p);
    }

    static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.LOGSUMEXP,
                t -> logsumexp(t[0], dims, keepdim), x) instanceof Tensor r) return r;
        int[] rd = reducedDims(x, dims);
        Tensor xf = x.dtype.isFloatingPoint() ? x : x.to(Torch.getDefaultDtype());
        Tensor m;
        try (var g = GradMode.noGrad()) {
            m = xf.amax(rd, true);
            m = Torch.where(m.abs().eq(Double.POSITIVE_INFINITY), Torch.zerosLike(m), m);
        }
        Tensor out = xf.sub(m).exp().sum(rd, true).log().add(m);
        return keepdim ? out : squeezeDims(out, rd);
    }

    private static Tensor squeezeDims(Tensor t, int[] rd) {
        Tensor r = t;
        for (int i = rd.length - 1; i >= 0; i--) r = r.squeeze(rd[i]);
        return r;
    }
}

package dev.jtorch.autograd;

import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.Op;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.jtorch.autograd.GradOps.maskGrad;
import static dev.jtorch.autograd.GradOps.thresholdGrad;
import static dev.jtorch.autograd.GradOps.unsqueezeDims;
import static dev.jtorch.autograd.GradOps.zeros;
import static dev.jtorch.autograd.GradOps.zerosLike;

/**
 * Every primitive's backward formula, in one exhaustive switch over the sealed {@link Op}: a new
 * primitive does not compile until it has a formula here or is marked {@link Op.NonDifferentiable}.
 * Each case saves what its backward reads (only for inputs that need a gradient) and names the node
 * as PyTorch does. Formulas use public Tensor ops only, so under create_graph they record
 * themselves and higher-order gradients follow.
 */
final class Formulas {
    private Formulas() {}

    /** The gradients of the forward inputs (one per input; null for those not needed) from the outputs' gradients. */
    @FunctionalInterface
    interface Backward {
        Tensor[] apply(Tensor[] g);
    }

    private record Spec(String name, Backward backward) {}

    private static final double LN2 = Math.log(2);
    private static final double LN10 = Math.log(10);
    private static final double SQRT_PI_OVER_2 = Math.sqrt(Math.PI) / 2;
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /** Builds the node for {@code op} over {@code in} → {@code out}. */
    static OpNode build(Op op, Tensor[] in, Tensor[] out, Edge[] edges, Node.InputMeta[] meta, Tensor originalSelf) {
        Rec r = new Rec(in, out, edges, originalSelf);
        Spec s = of(op, r);
        r.forgetTensors();
        return new OpNode(s.name(), op, s.backward(), r.saved.toArray(SavedTensor[]::new), edges, meta, out.length);
    }

    // =====================================================================================
    // the switch
    // =====================================================================================

    private static Spec of(Op op, Rec r) {
        return switch (op) {
            case Op.Unary(UnaryOp kind) -> unary(kind, r);
            case Op.Binary(BinaryOp kind) -> binary(kind, r);
            case Op.Clamp(Double min, Double max) -> {
                SavedTensor x = r.saveIn(0);
                yield new Spec("ClampBackward1", g -> {
                    Tensor xv = x.get();
                    Tensor keep = min == null ? xv.le(max) : max == null ? xv.ge(min) : xv.ge(min).logicalAnd(xv.le(max));
                    return one(maskGrad(keep, g[0]));
                });
            }
            case Op.ThresholdBackward(double threshold) -> {
                SavedTensor self = r.saveIn(1);
                // Linear in grad with the same mask; self only chooses, so it gets no gradient (PyTorch: zeros).
                yield new Spec("ThresholdBackwardBackward0", g -> new Tensor[]{thresholdGrad(g[0], self.get(), threshold), null});
            }
            case Op.Where() -> {
                SavedTensor c = r.needs(1) || r.needs(2) ? r.saveIn(0) : null;
                yield new Spec("WhereBackward0", g -> new Tensor[]{
                        null,
                        r.needs(1) ? maskGrad(c.get(), g[0]) : null,
                        r.needs(2) ? Torch.where(c.get(), 0.0, g[0]) : null});
            }
            case Op.Reduce(ReduceOp kind, int[] dims, boolean keepdim) -> reduce(kind, dims, keepdim, r);
            case Op.Mean(int[] dims, boolean keepdim) -> {
                long[] shape = r.inShape(0);
                long n = 1;
                for (int d : dims) n *= shape[d];
                double count = n;
                yield new Spec(r.reducesAll(dims, keepdim) ? "MeanBackward0" : "MeanBackward1",
                        g -> one(unsqueezeDims(g[0], dims, keepdim).expand(shape).div(count)));
            }
            case Op.ReduceWithIndex(ReduceOp kind, int dim, boolean keepdim) -> {
                String name = switch (kind) {
                    case MAX -> "MaxBackward0";
                    case MIN -> "MinBackward0";
                    case SUM, PROD, ALL, ANY -> throw notDifferentiable(op);
                };
                SavedTensor idx = r.saveOut(1);
                long[] shape = r.inShape(0);
                yield new Spec(name, g -> one(selectBackward(g[0], idx.get(), dim, keepdim, shape)));
            }
            case Op.Scan(ScanOp kind, int dim) -> scan(kind, dim, r);
            case Op.Softmax(int dim) -> {
                SavedTensor y = r.saveOut(0);
                // PyTorch's _softmax_backward_data: (g - sum(g * y)) * y
                yield new Spec("SoftmaxBackward0", g -> {
                    Tensor out = y.get();
                    return one(g[0].sub(g[0].mul(out).sum(new int[]{dim}, true)).mul(out));
                });
            }
            case Op.LogSoftmax(int dim) -> {
                SavedTensor y = r.saveOut(0);
                // PyTorch's _log_softmax_backward_data: g - exp(y) * sum(g)
                yield new Spec("LogSoftmaxBackward0", g -> one(g[0].sub(y.get().exp().mul(g[0].sum(new int[]{dim}, true)))));
            }
            case Op.Sort(int dim, boolean descending, boolean stable) -> {
                SavedTensor idx = r.saveOut(1);
                long[] shape = r.inShape(0);
                yield new Spec("SortBackward0", g -> one(selectBackward(g[0], idx.get(), dim, true, shape)));
            }
            case Op.MatMul() -> {
                boolean batched = r.in[0].dim() == 3;
                SavedTensor a = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor b = r.needs(0) ? r.saveIn(1) : null;
                // As PyTorch's mm backward: each gradient is produced in its operand's layout, so that the
                // gradient of a transposed weight (Linear's W.t()) comes out contiguous for W, with no copy.
                boolean aT = isTransposedLayout(r.in[0]), bT = isTransposedLayout(r.in[1]);
                yield new Spec(batched ? "BmmBackward0" : "MmBackward0", g -> new Tensor[]{
                        r.needs(0) ? (aT ? b.get().matmul(g[0].mT()).mT() : g[0].matmul(b.get().mT())) : null,
                        r.needs(1) ? (bT ? g[0].mT().matmul(a.get()).mT() : a.get().mT().matmul(g[0])) : null});
            }
            case Op.LuFactor() -> {
                SavedTensor lu = r.saveOut(0), piv = r.saveOut(1);
                yield new Spec("LinalgLuFactorExBackward0", g -> one(LinalgFormulas.luFactor(g[0], lu.get(), piv.get())));
            }
            case Op.SolveTriangular(boolean upper, boolean left, boolean unitriangular) -> {
                SavedTensor a = r.saveIn(0), x = r.needs(0) ? r.saveOut(0) : null;
                yield new Spec("LinalgSolveTriangularBackward0", g -> LinalgFormulas.solveTriangular(g[0], a.get(),
                        x == null ? null : x.get(), upper, left, unitriangular, r.needs(0)));
            }
            case Op.Solve(boolean left, boolean vector) -> {
                SavedTensor a = r.saveIn(0), x = r.needs(0) ? r.saveOut(0) : null;
                yield new Spec("LinalgSolveExBackward0",
                        g -> LinalgFormulas.solve(g[0], a.get(), x == null ? null : x.get(), left, vector, r.needs(0)));
            }
            case Op.Inverse() -> {
                SavedTensor x = r.saveOut(0);
                yield new Spec("LinalgInvExBackward0", g -> one(LinalgFormulas.inverse(g[0], x.get())));
            }
            case Op.Det() -> {
                SavedTensor a = r.saveIn(0), det = r.saveOut(0);
                yield new Spec("LinalgDetBackward0", g -> one(LinalgFormulas.det(g[0], a.get(), det.get())));
            }
            case Op.Slogdet() -> {
                SavedTensor a = r.saveIn(0), sign = r.saveOut(0);
                // The sign is piecewise constant: only log|det| carries a gradient.
                yield new Spec("LinalgSlogdetBackward0",
                        g -> one(g[1] == null ? null : LinalgFormulas.slogdet(g[1], a.get(), sign.get())));
            }
            case Op.Cholesky(boolean upper) -> {
                SavedTensor l = r.saveOut(0);
                yield new Spec("LinalgCholeskyExBackward0", g -> one(upper
                        ? LinalgFormulas.cholesky(g[0].mT(), l.get().mT()) : LinalgFormulas.cholesky(g[0], l.get())));
            }
            case Op.Eigh() -> {
                SavedTensor w = r.saveOut(0), v = r.saveOut(1);
                yield new Spec("LinalgEighBackward0", g -> one(LinalgFormulas.eigh(g[0], g[1], w.get(), v.get())));
            }
            case Op.Qr(String mode) -> {
                SavedTensor q = r.saveOut(0), rr = r.saveOut(1);
                yield new Spec("LinalgQrBackward0", g -> one(LinalgFormulas.qr(g[0], g[1], q.get(), rr.get(), mode)));
            }
            case Op.Svd(boolean fullMatrices) -> {
                SavedTensor u = r.saveOut(0), s = r.saveOut(1), vh = r.saveOut(2);
                yield new Spec("LinalgSvdBackward0",
                        g -> one(LinalgFormulas.svd(g[0], g[1], g[2], u.get(), s.get(), vh.get(), fullMatrices)));
            }
            case Op.Im2Col(var window, long channels, long height, long width) -> new Spec("Im2ColBackward0",
                    g -> one(dev.jtorch.Convolution.col2im(g[0], window, channels, height, width)));
            case Op.Col2Im(var window, long channels, long height, long width) -> new Spec("Col2ImBackward0",
                    g -> one(dev.jtorch.Convolution.im2col(g[0], window)));
            case Op.MaxPool2d(var window) -> {
                SavedTensor idx = r.saveOut(1);
                long[] shape = r.inShape(0);
                // Each output's gradient goes to its winner, found by the flat index in its plane.
                yield new Spec("MaxPool2DWithIndicesBackward0",
                        g -> one(dev.jtorch.Convolution.maxPool2dBackward(g[0], idx.get(), window, shape[1], shape[2])));
            }
            case Op.MaxPool2dBackward(var window, long height, long width) -> {
                SavedTensor idx = r.saveIn(1);
                // Linear in grad: its adjoint reads each winner's element back (a gather); the indices get none.
                yield new Spec("MaxPool2DWithIndicesBackwardBackward0", g -> {
                    Tensor i = idx.get();
                    long planes = i.size(0);
                    Tensor picked = g[0].reshape(planes, height * width).gather(1, i.reshape(planes, -1));
                    return new Tensor[]{picked.view(planes, i.size(1), i.size(2)), null};
                });
            }
            case Op.Conv3x3(var window) -> {
                SavedTensor x = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor w = r.needs(0) ? r.saveIn(1) : null;
                long[] shape = r.inShape(0);
                boolean bias = r.in.length > 2;
                yield new Spec("ConvolutionBackward0", g -> {
                    // One contiguous copy of a broadcast gradient (the expanded seed of a sum) for both products; the weight
                    // gradient alone reads any strides (a first layer's: its input needs none)
                    Tensor dy = r.needs(0) ? g[0].contiguous() : g[0];
                    Tensor gx, gw;
                    if (r.needs(0) && r.needs(1)) { // one call: a backend may transform dy once for both
                        Tensor[] both = dev.jtorch.Convolution.conv3x3Backward(x.get(), dy, w.get(), window, shape[2], shape[3]);
                        gx = both[0];
                        gw = both[1];
                    } else {
                        gx = r.needs(0) ? dev.jtorch.Convolution.conv3x3InputGrad(dy, w.get(), window, shape[2], shape[3]) : null;
                        gw = r.needs(1) ? dev.jtorch.Convolution.conv3x3WeightGrad(x.get(), dy, window) : null;
                    }
                    return bias ? new Tensor[]{gx, gw, r.needs(2) ? dy.sum(new int[]{0, 2, 3}, false) : null} : new Tensor[]{gx, gw};
                });
            }
            case Op.Conv3x3InputGrad(var window, long height, long width) -> {
                // Bilinear in (grad, weight): <G, dx(dy, w)> = <conv(G, w), dy> = <w, dW(G, dy)>.
                SavedTensor dy = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor w = r.needs(0) ? r.saveIn(1) : null;
                yield new Spec("ConvolutionBackwardBackward0", g -> new Tensor[]{
                        r.needs(0) ? dev.jtorch.Convolution.conv3x3(g[0], w.get(), null, window) : null,
                        r.needs(1) ? dev.jtorch.Convolution.conv3x3WeightGrad(g[0], dy.get(), window) : null});
            }
            case Op.Conv3x3WeightGrad(var window) -> {
                // Bilinear in (input, grad): <G, dW(x, dy)> = <dy, conv(x, G)>, so each gradient is a convolution with G.
                SavedTensor x = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor dy = r.needs(0) ? r.saveIn(1) : null;
                long[] shape = r.inShape(0);
                yield new Spec("ConvolutionBackwardBackward0", g -> new Tensor[]{
                        r.needs(0) ? dev.jtorch.Convolution.conv3x3InputGrad(dy.get(), g[0], window, shape[2], shape[3]) : null,
                        r.needs(1) ? dev.jtorch.Convolution.conv3x3(x.get(), g[0], null, window) : null});
            }
            case Op.ToDType(var from, var to) -> new Spec("ToCopyBackward0", g -> one(g[0].to(from)));
            case Op.Clone() -> {
                Device src = r.in[0].device();
                yield src.equals(r.out[0].device())
                        ? new Spec("CloneBackward0", g -> one(g[0]))
                        : new Spec("ToCopyBackward0", g -> one(g[0].to(src)));
            }
            case Op.CopyInto() -> {
                Device src = r.in[1].device();
                yield new Spec("CopyBackwards", g -> new Tensor[]{
                        r.needs(0) ? zerosLike(g[0]) : null,
                        r.needs(1) ? (g[0].device().equals(src) ? g[0] : g[0].to(src)) : null});
            }
            case Op.Fill(double value) -> new Spec(value == 0 ? "ZeroBackward0" : "FillBackward2", g -> one(zerosLike(g[0])));

            // ---- views
            case Op.View(long[] from, long[] to) -> new Spec(viewName(from, to), g -> one(g[0].reshape(from)));
            case Op.Permute(int[] dims) -> {
                int[] inverse = new int[dims.length];
                for (int i = 0; i < dims.length; i++) inverse[dims[i]] = i;
                yield new Spec(permuteName(dims), g -> one(g[0].permute(inverse)));
            }
            case Op.Expand(long[] from, long[] to) -> new Spec("ExpandBackward0", g -> one(GradOps.sumTo(g[0], from)));
            case Op.Slice(int dim, long start, long end, long step) -> {
                long[] shape = r.inShape(0);
                yield new Spec("SliceBackward0", g -> {
                    Tensor z = zeros(shape, g[0]);
                    z.slice(dim, start, end, step).copy_(g[0]);
                    return one(z);
                });
            }
            case Op.Select(int dim, long index) -> {
                long[] shape = r.inShape(0);
                yield new Spec("SelectBackward0", g -> {
                    Tensor z = zeros(shape, g[0]);
                    z.select(dim, index).copy_(g[0]);
                    return one(z);
                });
            }
            case Op.Diagonal(long offset, int dim1, int dim2) -> {
                long[] shape = r.inShape(0);
                yield new Spec("DiagonalBackward0", g -> {
                    Tensor z = zeros(shape, g[0]);
                    z.diagonal(offset, dim1, dim2).copy_(g[0]);
                    return one(z);
                });
            }
            case Op.Unfold(int dim, long size, long step) -> {
                long[] shape = r.inShape(0);
                yield new Spec("UnfoldBackward0", g -> one(unfoldBackward(g[0], shape, dim, size, step)));
            }
            case Op.AsStrided(long[] size, long[] stride, long storageOffset) -> {
                Tensor x = r.in[0];
                long[] inShape = x.size().toArray(), inStride = x.stride();
                long inOffset = x.storageOffset();
                yield new Spec("AsStridedBackward0",
                        g -> one(asStridedBackward(g[0], inShape, inStride, inOffset, size, stride, storageOffset)));
            }

            // ---- indexing and joining
            case Op.IndexSelect(int dim) -> {
                SavedTensor idx = r.saveIn(1);
                long[] shape = r.inShape(0);
                yield new Spec("IndexSelectBackward0", g -> {
                    Tensor gi = g[0];
                    long[] ishape = new long[gi.dim()];
                    Arrays.fill(ishape, 1);
                    ishape[dim] = gi.size(dim);
                    Tensor index = idx.get().view(ishape).expand(gi.size().toArray());
                    return new Tensor[]{zeros(shape, gi).scatterAdd(dim, index, gi), null};
                });
            }
            case Op.Gather(int dim) -> {
                SavedTensor idx = r.saveIn(1);
                long[] shape = r.inShape(0);
                yield new Spec("GatherBackward0", g -> new Tensor[]{zeros(shape, g[0]).scatterAdd(dim, idx.get(), g[0]), null});
            }
            case Op.Scatter(int dim, boolean add) -> {
                SavedTensor idx = (r.needs(0) && !add) || r.needs(2) ? r.saveIn(1) : null;
                long[] srcShape = r.inShape(2);
                yield new Spec(add ? "ScatterAddBackward0" : "ScatterBackward0", g -> new Tensor[]{
                        r.needs(0) ? (add ? g[0] : g[0].scatter(dim, idx.get(), 0.0)) : null,
                        null,
                        r.needs(2) ? padTo(g[0].gather(dim, idx.get()), srcShape) : null});
            }
            case Op.IndexPut(boolean accumulate) -> {
                SavedTensor idx = (r.needs(0) && !accumulate) || r.needs(2) ? r.saveIn(1) : null;
                yield new Spec("IndexPutBackward0", g -> new Tensor[]{
                        r.needs(0) ? (accumulate ? g[0] : g[0].scatter(0, idx.get(), 0.0)) : null,
                        null,
                        r.needs(2) ? g[0].gather(0, idx.get()) : null});
            }
            case Op.Cat(int dim) -> {
                int n = r.in.length;
                long[] sizes = new long[n];
                for (int i = 0; i < n; i++) sizes[i] = r.in[i].dim() == 0 ? 0 : r.in[i].size(dim);
                yield new Spec("CatBackward0", g -> {
                    Tensor[] res = new Tensor[n];
                    long off = 0;
                    for (int i = 0; i < n; i++) {
                        if (r.needs(i)) res[i] = g[0].narrow(dim, off, sizes[i]);
                        off += sizes[i];
                    }
                    return res;
                });
            }
            case Op.NonDifferentiable nd -> throw notDifferentiable(nd);
        };
    }

    // =====================================================================================
    // elementwise
    // =====================================================================================

    private static Spec unary(UnaryOp kind, Rec r) {
        return switch (kind) {
            case ABS -> { SavedTensor x = r.saveIn(0); yield spec("AbsBackward0", g -> g.mul(x.get().sign())); }
            case NEG -> spec("NegBackward0", Tensor::neg);
            case SIGN -> spec("SignBackward0", GradOps::zerosLike);
            case EXP -> { SavedTensor y = r.saveOut(0); yield spec("ExpBackward0", g -> g.mul(y.get())); }
            case EXP2 -> { SavedTensor y = r.saveOut(0); yield spec("Exp2Backward0", g -> g.mul(y.get().mul(LN2))); }
            case EXPM1 -> { SavedTensor y = r.saveOut(0); yield spec("Expm1Backward0", g -> g.mul(y.get().add(1.0))); }
            case LOG -> { SavedTensor x = r.saveIn(0); yield spec("LogBackward0", g -> g.div(x.get())); }
            case LOG1P -> { SavedTensor x = r.saveIn(0); yield spec("Log1PBackward0", g -> g.div(x.get().add(1.0))); }
            case LOG2 -> { SavedTensor x = r.saveIn(0); yield spec("Log2Backward0", g -> g.div(x.get().mul(LN2))); }
            case LOG10 -> { SavedTensor x = r.saveIn(0); yield spec("Log10Backward0", g -> g.div(x.get().mul(LN10))); }
            case SQRT -> { SavedTensor y = r.saveOut(0); yield spec("SqrtBackward0", g -> g.div(y.get().mul(2.0))); }
            case RSQRT -> {
                SavedTensor y = r.saveOut(0);
                yield spec("RsqrtBackward0", g -> g.mul(y.get().pow(3.0)).mul(-0.5));
            }
            case SQUARE -> { SavedTensor x = r.saveIn(0); yield spec("PowBackward0", g -> g.mul(x.get().mul(2.0))); }
            case RECIPROCAL -> {
                SavedTensor y = r.saveOut(0);
                yield spec("ReciprocalBackward0", g -> { Tensor yv = y.get(); return g.mul(yv.mul(yv)).neg(); });
            }
            case SIN -> { SavedTensor x = r.saveIn(0); yield spec("SinBackward0", g -> g.mul(x.get().cos())); }
            case COS -> { SavedTensor x = r.saveIn(0); yield spec("CosBackward0", g -> g.mul(x.get().sin()).neg()); }
            case TAN -> {
                SavedTensor y = r.saveOut(0);
                yield spec("TanBackward0", g -> { Tensor yv = y.get(); return g.mul(yv.mul(yv).add(1.0)); });
            }
            case ASIN -> {
                SavedTensor x = r.saveIn(0);
                yield spec("AsinBackward0", g -> { Tensor xv = x.get(); return g.mul(xv.mul(xv).rsub(1.0).rsqrt()); });
            }
            case ACOS -> {
                SavedTensor x = r.saveIn(0);
                yield spec("AcosBackward0", g -> { Tensor xv = x.get(); return g.mul(xv.mul(xv).rsub(1.0).rsqrt()).neg(); });
            }
            case ATAN -> {
                SavedTensor x = r.saveIn(0);
                yield spec("AtanBackward0", g -> { Tensor xv = x.get(); return g.div(xv.mul(xv).add(1.0)); });
            }
            case SINH -> { SavedTensor x = r.saveIn(0); yield spec("SinhBackward0", g -> g.mul(x.get().cosh())); }
            case COSH -> { SavedTensor x = r.saveIn(0); yield spec("CoshBackward0", g -> g.mul(x.get().sinh())); }
            case ASINH -> {
                SavedTensor x = r.saveIn(0);
                yield spec("AsinhBackward0", g -> { Tensor xv = x.get(); return g.mul(xv.mul(xv).add(1.0).rsqrt()); });
            }
            case ACOSH -> {
                SavedTensor x = r.saveIn(0);
                yield spec("AcoshBackward0", g -> { Tensor xv = x.get(); return g.mul(xv.mul(xv).sub(1.0).rsqrt()); });
            }
            case ATANH -> {
                SavedTensor x = r.saveIn(0);
                yield spec("AtanhBackward0", g -> { Tensor xv = x.get(); return g.div(xv.mul(xv).rsub(1.0)); });
            }
            case TANH -> {
                SavedTensor y = r.saveOut(0);
                yield spec("TanhBackward0", g -> { Tensor yv = y.get(); return g.mul(yv.mul(yv).rsub(1.0)); });
            }
            case SIGMOID -> {
                SavedTensor y = r.saveOut(0);
                yield spec("SigmoidBackward0", g -> { Tensor yv = y.get(); return g.mul(yv.rsub(1.0).mul(yv)); });
            }
            case RELU -> { SavedTensor y = r.saveOut(0); yield spec("ReluBackward0", g -> thresholdGrad(g, y.get(), 0.0)); }
            case GELU -> {
                SavedTensor x = r.saveIn(0);
                yield spec("GeluBackward0", g -> {
                    Tensor xv = x.get();
                    Tensor cdf = xv.mul(INV_SQRT2).erf().add(1.0).mul(0.5);
                    Tensor pdf = xv.mul(xv).mul(-0.5).exp().mul(INV_SQRT_2PI);
                    return g.mul(cdf.add(xv.mul(pdf)));
                });
            }
            case SILU -> {
                SavedTensor x = r.saveIn(0);
                yield spec("SiluBackward0", g -> {
                    Tensor xv = x.get();
                    Tensor s = xv.sigmoid();
                    return g.mul(s.mul(xv.mul(s.rsub(1.0)).add(1.0)));
                });
            }
            case ERF -> {
                SavedTensor x = r.saveIn(0);
                yield spec("ErfBackward0", g -> { Tensor xv = x.get(); return g.mul(xv.mul(xv).neg().exp().mul(TWO_OVER_SQRT_PI)); });
            }
            case ERFC -> {
                SavedTensor x = r.saveIn(0);
                yield spec("ErfcBackward0", g -> { Tensor xv = x.get(); return g.mul(xv.mul(xv).neg().exp().mul(-TWO_OVER_SQRT_PI)); });
            }
            case ERFINV -> {
                SavedTensor y = r.saveOut(0);
                yield spec("ErfinvBackward0", g -> { Tensor yv = y.get(); return g.mul(yv.mul(yv).exp().mul(SQRT_PI_OVER_2)); });
            }
            case FLOOR -> spec("FloorBackward0", GradOps::zerosLike);
            case CEIL -> spec("CeilBackward0", GradOps::zerosLike);
            case ROUND -> spec("RoundBackward0", GradOps::zerosLike);
            case TRUNC -> spec("TruncBackward0", GradOps::zerosLike);
            case LOGICAL_NOT, BITWISE_NOT -> throw notDifferentiable(new Op.Unary(kind));
        };
    }

    private static Spec binary(BinaryOp kind, Rec r) {
        return switch (kind) {
            case ADD -> new Spec("AddBackward0", g -> new Tensor[]{g[0], g[0]});
            case SUB -> new Spec(r.wrapped(0) ? "RsubBackward1" : "SubBackward0",
                    g -> new Tensor[]{g[0], r.needs(1) ? g[0].neg() : null});
            case MUL -> {
                SavedTensor a = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor b = r.needs(0) ? r.saveIn(1) : null;
                yield new Spec("MulBackward0", g -> new Tensor[]{
                        r.needs(0) ? g[0].mul(b.get()) : null,
                        r.needs(1) ? g[0].mul(a.get()) : null});
            }
            case DIV -> {
                SavedTensor a = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor b = r.saveIn(1);
                yield new Spec("DivBackward0", g -> {
                    Tensor bv = b.get();
                    return new Tensor[]{
                            r.needs(0) ? g[0].div(bv) : null,
                            r.needs(1) ? g[0].neg().mul(a.get()).div(bv.mul(bv)) : null};
                });
            }
            case DIV_TRUNC, DIV_FLOOR -> new Spec("DivBackward2", g -> new Tensor[]{
                    r.needs(0) ? zerosLike(g[0]) : null, r.needs(1) ? zerosLike(g[0]) : null});
            case REMAINDER -> {
                SavedTensor a = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor b = r.needs(1) ? r.saveIn(1) : null;
                yield new Spec(r.wrapped(1) ? "RemainderBackward0" : "RemainderBackward1", g -> new Tensor[]{
                        g[0],
                        r.needs(1) ? g[0].neg().mul(a.get().div(b.get(), "floor")) : null});
            }
            case FMOD -> {
                SavedTensor a = r.needs(1) ? r.saveIn(0) : null;
                SavedTensor b = r.needs(1) ? r.saveIn(1) : null;
                yield new Spec(r.wrapped(1) ? "FmodBackward0" : "FmodBackward1", g -> new Tensor[]{
                        g[0],
                        r.needs(1) ? g[0].neg().mul(a.get().div(b.get(), "trunc")) : null});
            }
            case ATAN2 -> {
                SavedTensor a = r.saveIn(0);
                SavedTensor b = r.saveIn(1);
                yield new Spec("Atan2Backward0", g -> {
                    Tensor av = a.get(), bv = b.get();
                    Tensor scale = g[0].div(av.mul(av).add(bv.mul(bv)));
                    return new Tensor[]{r.needs(0) ? scale.mul(bv) : null, r.needs(1) ? scale.mul(av).neg() : null};
                });
            }
            case HYPOT -> {
                SavedTensor a = r.needs(0) ? r.saveIn(0) : null;
                SavedTensor b = r.needs(1) ? r.saveIn(1) : null;
                SavedTensor y = r.saveOut(0);
                yield new Spec("HypotBackward0", g -> {
                    Tensor scale = g[0].div(y.get());
                    return new Tensor[]{r.needs(0) ? scale.mul(a.get()) : null, r.needs(1) ? scale.mul(b.get()) : null};
                });
            }
            case COPYSIGN -> {
                SavedTensor a = r.needs(0) ? r.saveIn(0) : null;
                SavedTensor y = r.needs(0) ? r.saveOut(0) : null;
                // PyTorch's names run the other way round from fmod's: a tensor sign is 0, a Python number 1
                yield new Spec(r.wrapped(1) ? "CopysignBackward1" : "CopysignBackward0", g -> {
                    Tensor ga = null;
                    if (r.needs(0)) {
                        Tensor av = a.get();
                        ga = g[0].mul(Torch.where(av.eq(0.0), 0.0, y.get().div(av)));
                    }
                    return new Tensor[]{ga, r.needs(1) ? zerosLike(g[0]) : null};
                });
            }
            case POW -> {
                SavedTensor a = r.saveIn(0);
                SavedTensor b = r.saveIn(1);
                SavedTensor y = r.needs(1) ? r.saveOut(0) : null;
                boolean scalarExponent = r.wrapped(1);
                yield new Spec(scalarExponent ? "PowBackward0" : "PowBackward1", g -> {
                    Tensor av = a.get(), bv = b.get();
                    Tensor ga = null, gb = null;
                    if (r.needs(0) && scalarExponent) {
                        double e = bv.item();
                        ga = e == 0 ? zerosLike(g[0]) : g[0].mul(av.pow(e - 1).mul(e));
                    } else if (r.needs(0)) {
                        ga = Torch.where(bv.eq(0.0), 0.0, g[0].mul(bv.mul(av.pow(bv.sub(1.0)))));
                    }
                    if (r.needs(1)) {
                        Tensor zeroBase = av.eq(0.0).logicalAnd(bv.ge(0.0));
                        gb = Torch.where(zeroBase, 0.0, g[0].mul(y.get().mul(av.log())));
                    }
                    return new Tensor[]{ga, gb};
                });
            }
            case MAXIMUM, MINIMUM -> {
                boolean max = kind == BinaryOp.MAXIMUM;
                SavedTensor a = r.saveIn(0);
                SavedTensor b = r.saveIn(1);
                yield new Spec(max ? "MaximumBackward0" : "MinimumBackward0", g -> {
                    Tensor av = a.get(), bv = b.get();
                    Tensor shared = Torch.where(av.eq(bv), g[0].mul(0.5), g[0]);
                    Tensor aLoses = max ? av.lt(bv) : av.gt(bv);
                    Tensor bLoses = max ? av.gt(bv) : av.lt(bv);
                    return new Tensor[]{
                            r.needs(0) ? Torch.where(aLoses, 0.0, shared) : null,
                            r.needs(1) ? Torch.where(bLoses, 0.0, shared) : null};
                });
            }
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, EQ, NE, LT, LE, GT, GE ->
                    throw notDifferentiable(new Op.Binary(kind));
        };
    }

    /**
     * True when the in-place form of {@code op} needs its destination's old value for a gradient,
     * which the engine then copies before the write (kept next to the formulas above that read it).
     */
    static boolean readsOriginalSelf(Op op, boolean selfNeedsGrad, boolean otherNeedsGrad) {
        return switch (op) {
            case Op.Unary(UnaryOp kind) -> selfNeedsGrad && switch (kind) {
                case ABS, LOG, LOG1P, LOG2, LOG10, SQUARE, SIN, COS, ASIN, ACOS, ATAN, SINH, COSH, ASINH, ACOSH, ATANH,
                     GELU, SILU, ERF, ERFC -> true;
                default -> false;
            };
            case Op.Binary(BinaryOp kind) -> switch (kind) {
                case MUL, DIV, REMAINDER, FMOD -> otherNeedsGrad;
                case COPYSIGN -> selfNeedsGrad;
                case POW, ATAN2, HYPOT, MAXIMUM, MINIMUM -> selfNeedsGrad || otherNeedsGrad;
                default -> false;
            };
            case Op.Clamp c -> selfNeedsGrad;
            default -> false;
        };
    }

    // =====================================================================================
    // reductions and scans
    // =====================================================================================

    private static Spec reduce(ReduceOp kind, int[] dims, boolean keepdim, Rec r) {
        long[] shape = r.inShape(0);
        boolean all = r.reducesAll(dims, keepdim);
        return switch (kind) {
            case SUM -> new Spec(all ? "SumBackward0" : "SumBackward1",
                    g -> one(unsqueezeDims(g[0], dims, keepdim).expand(shape)));
            case PROD -> {
                SavedTensor x = r.saveIn(0);
                SavedTensor y = r.saveOut(0);
                yield new Spec(all ? "ProdBackward0" : "ProdBackward1",
                        g -> one(prodBackward(unsqueezeDims(g[0], dims, keepdim), x.get(),
                                unsqueezeDims(y.get(), dims, keepdim), dims)));
            }
            case MAX, MIN -> {
                SavedTensor x = r.saveIn(0);
                SavedTensor y = r.saveOut(0);
                String name = kind == ReduceOp.MAX ? (all ? "MaxBackward1" : "AmaxBackward0") : (all ? "MinBackward1" : "AminBackward0");
                yield new Spec(name, g -> {
                    // Ties share the gradient evenly, as PyTorch's evenly_distribute_backward / amax backward.
                    Tensor hit = x.get().eq(unsqueezeDims(y.get(), dims, keepdim));
                    Tensor count = hit.sum(dims, true);
                    return one(maskGrad(hit, unsqueezeDims(g[0], dims, keepdim).div(count)));
                });
            }
            case ALL, ANY -> throw notDifferentiable(new Op.Reduce(kind, dims, keepdim));
        };
    }

    /** d prod / d x_i = product of the others, with care for zeros (one zero: only it gets a gradient). */
    private static Tensor prodBackward(Tensor g, Tensor x, Tensor y, int[] dims) {
        Tensor isZero = x.eq(0.0);
        if (!isZero.any().itemBoolean()) return g.mul(y).div(x);
        Tensor zerosPerSlice = isZero.sum(dims, true);
        Tensor nonZero = Torch.where(isZero, 1.0, x);
        Tensor prodOfNonZero = nonZero;
        for (int d : dims) prodOfNonZero = prodOfNonZero.prod(d, true);
        Tensor noZero = g.mul(y).div(nonZero);
        Tensor onlyZero = maskGrad(isZero.logicalAnd(zerosPerSlice.eq(1.0)), g.mul(prodOfNonZero));
        return Torch.where(zerosPerSlice.eq(0.0), noZero, onlyZero);
    }

    private static Spec scan(ScanOp kind, int dim, Rec r) {
        boolean scalar = r.in[0].dim() == 0;
        return switch (kind) {
            case CUMSUM -> new Spec("CumsumBackward0", g -> one(scalar ? g[0] : GradOps.reverseCumsum(g[0], dim)));
            case CUMPROD -> {
                SavedTensor x = r.saveIn(0);
                SavedTensor y = r.saveOut(0);
                yield new Spec("CumprodBackward0", g -> one(scalar ? g[0] : cumprodBackward(g[0], x.get(), y.get(), dim)));
            }
        };
    }

    /**
     * d/dx_i of sum_k g_k prod_{j<=k} x_j. Before the first zero of a slice that is
     * revcumsum(g*y)/x; at the first zero it is revcumsum(g * cumprod(x with that zero as 1));
     * after it, zero.
     */
    private static Tensor cumprodBackward(Tensor g, Tensor x, Tensor y, int dim) {
        Tensor isZero = x.eq(0.0);
        if (!isZero.any().itemBoolean()) return GradOps.reverseCumsum(g.mul(y), dim).div(x);
        Tensor zerosSoFar = isZero.to(x.dtype()).cumsum(dim);
        Tensor before = zerosSoFar.eq(0.0);
        Tensor firstZero = isZero.logicalAnd(zerosSoFar.eq(1.0));
        Tensor safeX = Torch.where(before, x, 1.0);
        Tensor gradBefore = GradOps.reverseCumsum(g.mul(y), dim).div(safeX);
        Tensor gradAtZero = GradOps.reverseCumsum(g.mul(Torch.where(firstZero, 1.0, x).cumprod(dim)), dim);
        return Torch.where(before, gradBefore, maskGrad(firstZero, gradAtZero));
    }

    /** The gradient of values picked by {@code indices} along {@code dim} (max(dim), sort): scattered into zeros. */
    private static Tensor selectBackward(Tensor g, Tensor indices, int dim, boolean keepdim, long[] shape) {
        if (shape.length == 0) return g.reshape(shape);
        Tensor gk = keepdim ? g : g.unsqueeze(dim);
        Tensor ik = keepdim ? indices : indices.unsqueeze(dim);
        return zeros(shape, g).scatter(dim, ik, gk);
    }

    // =====================================================================================
    // views
    // =====================================================================================

    /** squeeze and unsqueeze record a View; name them as PyTorch does when the shapes show which it was. */
    private static String viewName(long[] from, long[] to) {
        if (to.length == from.length + 1 && Arrays.equals(dropOnes(to, 1), from)) return "UnsqueezeBackward0";
        if (to.length < from.length && Arrays.equals(dropOnes(from, from.length - to.length), to)) {
            return from.length - to.length == 1 ? "SqueezeBackward1" : "SqueezeBackward0";
        }
        return "ViewBackward0";
    }

    /** {@code shape} without its first {@code count} size-1 dims, or null if it has fewer. */
    private static long[] dropOnes(long[] shape, int count) {
        long[] out = new long[shape.length - count];
        int k = 0, dropped = 0;
        for (long s : shape) {
            if (s == 1 && dropped < count) dropped++;
            else if (k < out.length) out[k++] = s;
            else return null;
        }
        return dropped == count ? out : null;
    }

    private static String permuteName(int[] dims) {
        int moved = 0;
        for (int i = 0; i < dims.length; i++) if (dims[i] != i) moved++;
        if (moved == 2) return dims.length == 2 ? "TBackward0" : "TransposeBackward0";
        return "PermuteBackward0";
    }

    /** Windows may overlap: each window's gradient is added back at its positions along {@code dim}. */
    private static Tensor unfoldBackward(Tensor g, long[] shape, int dim, long size, long step) {
        if (shape.length == 0) return g.sum().reshape(shape);
        int last = g.dim() - 1;
        long windows = g.size(dim);
        // Bring the window-element dim next to the window dim, then merge them.
        int[] perm = new int[g.dim()];
        int k = 0;
        for (int i = 0; i <= dim; i++) perm[k++] = i;
        perm[k++] = last;
        for (int i = dim + 1; i < last; i++) perm[k++] = i;
        long[] merged = shape.clone();
        merged[dim] = windows * size;
        Tensor gm = g.permute(perm).reshape(merged);
        long[] pos = new long[Math.toIntExact(windows * size)];
        for (long w = 0; w < windows; w++) for (long e = 0; e < size; e++) pos[(int) (w * size + e)] = w * step + e;
        long[] ishape = new long[shape.length];
        Arrays.fill(ishape, 1);
        ishape[dim] = pos.length;
        Tensor index = Torch.from(pos, ishape).to(g.device()).expand(merged);
        return zeros(shape, g).scatterAdd(dim, index, gm);
    }

    /**
     * as_strided's gradient: the output's gradient is added up per storage element, then read back
     * at the input's elements (divided among input elements that share storage).
     */
    private static Tensor asStridedBackward(Tensor g, long[] inShape, long[] inStride, long inOffset,
                                            long[] outShape, long[] outStride, long outOffset) {
        long[] outPos = positions(outShape, outStride, outOffset);
        long[] inPos = positions(inShape, inStride, inOffset);
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (long p : outPos) { lo = Math.min(lo, p); hi = Math.max(hi, p); }
        for (long p : inPos) { lo = Math.min(lo, p); hi = Math.max(hi, p); }
        if (inPos.length == 0) return zeros(inShape, g);
        for (int i = 0; i < outPos.length; i++) outPos[i] -= lo;
        Map<Long, Integer> uses = new HashMap<>();
        boolean overlap = false;
        for (int i = 0; i < inPos.length; i++) {
            inPos[i] -= lo;
            overlap |= uses.merge(inPos[i], 1, Integer::sum) > 1;
        }
        Device dev = g.device();
        Tensor storage = zeros(new long[]{hi - lo + 1}, g);
        if (outPos.length > 0) {
            storage = storage.scatterAdd(0, Torch.from(outPos, outPos.length).to(dev), g.reshape(-1));
        }
        Tensor gi = storage.gather(0, Torch.from(inPos, inPos.length).to(dev));
        if (overlap) {
            double[] counts = new double[inPos.length];
            for (int i = 0; i < inPos.length; i++) counts[i] = uses.get(inPos[i]);
            gi = gi.div(Torch.from(counts, counts.length).to(g.dtype()).to(dev));
        }
        return gi.reshape(inShape);
    }

    /** Storage positions of every element of a strided layout, in row-major order. */
    private static long[] positions(long[] shape, long[] stride, long offset) {
        int n = Math.toIntExact(numel(shape));
        long[] pos = new long[n];
        long[] idx = new long[shape.length];
        for (int i = 0; i < n; i++) {
            long p = offset;
            for (int d = 0; d < shape.length; d++) p += idx[d] * stride[d];
            pos[i] = p;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return pos;
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /** A gradient of the index's shape written into zeros of the source's (larger) shape. */
    private static Tensor padTo(Tensor g, long[] shape) {
        if (Arrays.equals(g.size().toArray(), shape)) return g;
        Tensor z = zeros(shape, g);
        Tensor region = z;
        for (int d = 0; d < shape.length; d++) region = region.narrow(d, 0, g.size(d));
        region.copy_(g);
        return z;
    }

    // =====================================================================================
    // plumbing
    // =====================================================================================

    private static Spec spec(String name, java.util.function.UnaryOperator<Tensor> f) {
        return new Spec(name, g -> one(f.apply(g[0])));
    }

    private static Tensor[] one(Tensor t) { return new Tensor[]{t}; }

    private static IllegalStateException notDifferentiable(Op op) {
        return new IllegalStateException("autograd: " + op + " has no derivative (its outputs never require grad)");
    }

    /** What a formula sees while it is built: the op's tensors, which inputs need a gradient, and a place to save tensors. */
    static final class Rec {
        Tensor[] in;
        Tensor[] out;
        private final Edge[] edges;
        private final boolean inPlace;
        private Tensor originalSelf;
        final List<SavedTensor> saved = new ArrayList<>(2);

        Rec(Tensor[] in, Tensor[] out, Edge[] edges, Tensor originalSelf) {
            this.in = in;
            this.out = out;
            this.edges = edges;
            this.inPlace = in.length > 0 && out.length > 0 && in[0] == out[0];
            this.originalSelf = originalSelf;
        }

        /**
         * Formulas' closures keep this object (for {@link #needs}); they must not keep the op's
         * tensors, or backward could not free what it did not save.
         */
        void forgetTensors() {
            in = null;
            out = null;
            originalSelf = null;
        }

        boolean needs(int i) { return edges[i] != null; }

        boolean wrapped(int i) { return Internals.access().isWrappedNumber(in[i]); }

        long[] inShape(int i) { return GradOps.shapeOf(in[i]); }

        boolean reducesAll(int[] dims, boolean keepdim) { return !keepdim && dims.length == in[0].dim(); }

        /**
         * Saves input {@code i}. The destination of an in-place op has been overwritten by now:
         * its old value comes from the engine's copy, or, without one, the current tensor is saved
         * at its old version so that reading it fails with PyTorch's in-place message.
         */
        SavedTensor saveIn(int i) {
            Tensor t = in[i];
            SavedTensor s;
            if (inPlace && t == out[0]) {
                s = originalSelf != null ? SavedTensor.of(originalSelf) : new SavedTensor(t, false, 0, t.version() - 1);
            } else {
                s = SavedTensor.of(t);
            }
            saved.add(s);
            return s;
        }

        SavedTensor saveOut(int i) {
            Tensor t = out[i];
            SavedTensor s = new SavedTensor(t, true, i, t.version());
            saved.add(s);
            return s;
        }
    }

    /** True when the last two dims are laid out column-major (a transposed view of a row-major matrix). */
    private static boolean isTransposedLayout(Tensor t) {
        int n = t.dim();
        long[] st = t.stride();
        return n >= 2 && st[n - 2] == 1 && st[n - 1] == t.size(n - 2) && t.size(n - 1) > 1 && t.size(n - 2) > 1;
    }
}

package dev.jtorch.nn.functional;

import dev.jtorch.Autocast;
import dev.jtorch.AutocastOp;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/** Activations and softmax, written with public tensor ops so autograd differentiates them. */
final class Activations {
    private Activations() {}

    static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Torch.where(x.gt(0), x, x.mul(negativeSlope));
    }

    /** x for x > 0, alpha·(eᵡ − 1) otherwise; the exponential sees min(x, 0) so a large x cannot make inf·0 = NaN gradients. */
    static Tensor elu(Tensor x, double alpha) {
        return Torch.where(x.gt(0), x, x.clampMax(0).expm1().mul(alpha));
    }

    static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate) {
            case "none" -> x.gelu();
            case "tanh" -> {
                // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
                Tensor inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2.0 / Math.PI));
                yield x.mul(0.5).mul(inner.tanh().add(1.0));
            }
            default -> throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        };
    }

    // ---- the rest of torch.nn.functional's activations, as composites. Where a branch of a where() could overflow
    // (exp of a large x), its input is clamped first: the unselected branch then has a zero, not a NaN, gradient.

    /** log(1 + exp(beta·x)) / beta, and x itself where beta·x exceeds threshold, as PyTorch. */
    static Tensor softplus(Tensor x, double beta, double threshold) {
        requireFloating(x, "softplus_cpu");
        Tensor bx = x.mul(beta);
        return Torch.where(bx.gt(threshold), x, bx.clampMax(threshold).exp().log1p().div(beta));
    }

    /**
     * x clamped to [min, max]; the gradient is 1 strictly inside and 0 on the bounds and outside, as PyTorch's
     * hardtanh_backward (clamp's own gradient counts the bounds as inside).
     */
    static Tensor hardtanh(Tensor x, double min, double max) {
        if (!x.isFloatingPoint()) return x.clamp(min, max);
        Tensor inside = x.gt(min).logicalAnd(x.lt(max));
        return Torch.where(inside, x, x.detach().clamp(min, max));
    }

    /** log(sigmoid(x)) = min(x, 0) − log1p(exp(−|x|)), finite for every x. */
    static Tensor logsigmoid(Tensor x) {
        requireFloating(x, "log_sigmoid_forward_cpu");
        return x.clampMax(0).sub(x.abs().neg().exp().log1p());
    }

    static Tensor mish(Tensor x) {
        requireFloating(x, "mish_cpu");
        return x.mul(softplus(x, 1, 20).tanh());
    }

    /** x·relu6(x + 3)/6. */
    static Tensor hardswish(Tensor x) {
        requireFloating(x, "hardswish_cpu");
        return x.mul(hardtanh(x.add(3.0), 0, 6)).div(6.0);
    }

    /** relu6(x + 3)/6. */
    static Tensor hardsigmoid(Tensor x) {
        requireFloating(x, "hardsigmoid_cpu");
        return hardtanh(x.add(3.0), 0, 6).div(6.0);
    }

    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    static Tensor selu(Tensor x) {
        return elu(x, SELU_ALPHA).mul(SELU_SCALE);
    }

    /** max(0, x) + min(0, alpha·(exp(x/alpha) − 1)). */
    static Tensor celu(Tensor x, double alpha) {
        if (alpha == 0) throw new ArithmeticException("ZeroDivisionError: alpha cannot be 0 for CELU");
        return Torch.where(x.gt(0), x, x.div(alpha).clampMax(0).expm1().mul(alpha));
    }

    static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1.0));
    }

    static Tensor tanhshrink(Tensor x) {
        return x.sub(x.tanh());
    }

    /** x − lambd above lambd, x + lambd below −lambd, 0 between. */
    static Tensor softshrink(Tensor x, double lambd) {
        checkLambda(lambd);
        return Torch.where(x.gt(lambd), x.sub(lambd), Torch.where(x.lt(-lambd), x.add(lambd), 0.0));
    }

    /** x where |x| &gt; lambd, else 0. */
    static Tensor hardshrink(Tensor x, double lambd) {
        return Torch.where(x.gt(lambd).logicalOr(x.lt(-lambd)), x, 0.0);
    }

    private static void checkLambda(double lambd) {
        if (!(lambd >= 0)) {
            throw new IllegalArgumentException("lambda must be greater or equal to 0, but found to be "
                    + cppDouble(lambd) + ".");
        }
    }

    /** A double as C++'s stream prints it in PyTorch's messages: -1 for -1.0, 0.5 for 0.5. */
    private static String cppDouble(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** x where x &gt; threshold, else value. */
    static Tensor threshold(Tensor x, double threshold, double value) {
        return Torch.where(x.gt(threshold), x, x.isFloatingPoint() ? Torch.scalar(value) : Torch.scalar((long) value));
    }

    /** a·sigmoid(b) for the two halves a, b of dim. */
    static Tensor glu(Tensor x, int dim) {
        if (x.dim() == 0) throw new IllegalArgumentException("glu does not support scalars because halving size must be even");
        int d = dim < 0 ? dim + x.dim() : dim;
        if (d < 0 || d >= x.dim()) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + -x.dim() + ", "
                    + (x.dim() - 1) + "], but got " + dim + ")");
        }
        long size = x.size(d);
        if (size % 2 != 0) {
            throw new IllegalArgumentException("Halving dimension must be even, but dimension " + d + " is size " + size);
        }
        return x.narrow(d, 0, size / 2).mul(x.narrow(d, size / 2, size / 2).sigmoid());
    }

    /** x where x &gt; 0, else weight·x, one weight or one per channel (dim 1, or dim 0 of a 1-D input). */
    static Tensor prelu(Tensor x, Tensor weight) {
        long n = weight.numel();
        long channels = x.dim() == 0 ? 1 : x.size(x.dim() == 1 ? 0 : 1);
        if (n != 1 && n != channels) {
            throw new IllegalArgumentException("Mismatch of parameter numbers and input channel size. Found parameter numbers = "
                    + n + " and channel size = " + channels + ".");
        }
        Tensor w = weight.reshape(-1);
        if (n != 1 && x.dim() >= 2) {
            long[] shape = new long[x.dim() - 1];
            java.util.Arrays.fill(shape, 1);
            shape[0] = n;
            w = w.reshape(shape);
        } else if (n == 1) {
            w = w.reshape();
        }
        return Torch.where(x.gt(0), x, x.mul(w));
    }

    private static void requireFloating(Tensor x, String kernel) {
        if (!x.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Losses.scalarTypeName(x.dtype()) + "'");
        }
    }

    /** softmax(−x): weights that favour the smallest values. */
    static Tensor softmin(Tensor x, int dim) {
        return softmax(floating(x).neg(), dim);
    }

    /**
     * On the CPU the softmax primitive (one pass per row, PyTorch's special values); elsewhere the composite, which
     * subtracts the (constant, hence untracked) maximum first, so large inputs neither overflow nor lose precision.
     */
    static Tensor softmax(Tensor x, int dim) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.SOFTMAX,
                t -> softmax(t[0], dim), x) instanceof Tensor r) return r;
        Tensor xf = floating(x);
        if (xf.device().type() == Device.Type.CPU) return xf.softmax(dim);
        Tensor shifted = xf.sub(rowMax(xf, dim));
        Tensor e = shifted.exp();
        return e.div(e.sum(dim, true));
    }

    /** x − max − log Σ exp(x − max): stable for any input magnitude. */
    static Tensor logSoftmax(Tensor x, int dim) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.LOG_SOFTMAX,
                t -> logSoftmax(t[0], dim), x) instanceof Tensor r) return r;
        Tensor xf = floating(x);
        if (xf.device().type() == Device.Type.CPU) return xf.logSoftmax(dim);
        Tensor shifted = xf.sub(rowMax(xf, dim));
        return shifted.sub(shifted.exp().sum(dim, true).log());
    }

    /** The row maximum, untracked; a row holding +inf or only -inf then gives NaN through inf - inf, as the primitive. */
    private static Tensor rowMax(Tensor x, int dim) {
        return x.dim() == 0 ? Torch.zerosLike(x) : x.detach().amax(new int[]{dim}, true);
    }

    private static Tensor floating(Tensor x) {
        return x.isFloatingPoint() ? x : x.to(Torch.getDefaultDtype());
    }
}

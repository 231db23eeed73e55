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

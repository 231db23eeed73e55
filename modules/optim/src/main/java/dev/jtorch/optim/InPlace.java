package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * PyTorch's fused point-wise updates ({@code add_(t, alpha)}, {@code addcmul_}, {@code addcdiv_}) written with in-place
 * tensor ops into a scratch buffer kept per parameter, so an optimizer step allocates no parameter-sized temporaries
 * after the first. The order of operations is PyTorch's ({@code self + (value * t1) * t2}, {@code self + (value * t1) / t2})
 * so the float32 rounding is the same.
 */
final class InPlace {
    private final Map<Tensor, Tensor[]> scratch = new IdentityHashMap<>();

    /** Buffer 0: operand of the fused updates; 1: the effective gradient; 2: a denominator. */
    static final int OPERAND = 0, GRAD = 1, DENOM = 2;

    /** Scratch buffer {@code which} ({@link #OPERAND}, {@link #GRAD} or {@link #DENOM}) shaped like {@code param}; reallocated if the parameter changed shape or dtype. */
    Tensor buffer(Tensor param, int which) {
        Tensor[] bufs = scratch.computeIfAbsent(param, p -> new Tensor[3]);
        Tensor b = bufs[which];
        if (b == null || b.dtype() != param.dtype() || !b.shape().equals(param.shape()) || !b.device().equals(param.device())) {
            b = Torch.zerosLike(param);
            bufs[which] = b;
        }
        return b;
    }

    /** {@code self += alpha * t}. */
    void addScaled(Tensor param, Tensor self, Tensor t, double alpha) {
        if (alpha == 1) { self.add_(t); return; }
        self.add_(buffer(param, OPERAND).copy_(t).mul_(alpha));
    }

    /** {@code self += value * t1 * t2} (PyTorch's {@code addcmul_}). */
    void addcmul(Tensor param, Tensor self, Tensor t1, Tensor t2, double value) {
        Tensor b = buffer(param, OPERAND).copy_(t1);
        if (value != 1) b.mul_(value);
        self.add_(b.mul_(t2));
    }

    /** {@code self += value * t1 / t2} (PyTorch's {@code addcdiv_}). */
    void addcdiv(Tensor param, Tensor self, Tensor t1, Tensor t2, double value) {
        Tensor b = buffer(param, OPERAND).copy_(t1);
        if (value != 1) b.mul_(value);
        self.add_(b.div_(t2));
    }

    /**
     * The gradient as the update rules see it: negated when maximising, plus {@code weightDecay * param}. Returns
     * {@code param.grad()} itself when nothing changes (callers must then not write to it), else the GRAD buffer.
     */
    Tensor effectiveGrad(Tensor param, boolean maximize, double weightDecay) {
        Tensor g = param.grad();
        if (!maximize && weightDecay == 0) return g;
        Tensor out = buffer(param, GRAD).copy_(g);
        if (maximize) out.neg_();
        if (weightDecay != 0) addScaled(param, out, param, weightDecay);
        return out;
    }

    /** A writable copy of the effective gradient (always the GRAD buffer). */
    Tensor writableGrad(Tensor param, boolean maximize, double weightDecay) {
        Tensor g = effectiveGrad(param, maximize, weightDecay);
        return g == param.grad() ? buffer(param, GRAD).copy_(g) : g;
    }
}

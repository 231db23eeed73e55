package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Fused;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * PyTorch's fused point-wise updates ({@code add_(t, alpha)}, {@code addcmul_}, {@code addcdiv_}) written with in-place
 * tensor ops into scratch buffers, so an optimizer step allocates no parameter-sized temporaries after the first. The
 * order of operations is PyTorch's ({@code self + (value * t1) * t2}, {@code self + (value * t1) / t2}) so the float32
 * rounding is the same. Parameters are updated one after another, so they share three flat buffers per dtype and
 * device, each as large as the largest parameter (the extra memory PyTorch's own temporaries peak at), seen through a
 * view shaped like the parameter.
 */
final class InPlace {
    /** Buffer 0: operand of the fused updates; 1: the effective gradient; 2: a denominator. */
    static final int OPERAND = 0, GRAD = 1, DENOM = 2;

    private record PoolKey(DType dtype, Device device) {}

    private final Map<PoolKey, Tensor[]> pools = new HashMap<>();
    /** Views of the pools shaped like each parameter, made once. */
    private final Map<Tensor, Tensor[]> views = new IdentityHashMap<>();

    /** Scratch buffer {@code which} ({@link #OPERAND}, {@link #GRAD} or {@link #DENOM}) shaped like {@code param}. */
    Tensor buffer(Tensor param, int which) {
        Tensor[] v = views.computeIfAbsent(param, p -> new Tensor[3]);
        Tensor b = v[which];
        if (b != null && b.dtype() == param.dtype() && b.shape().equals(param.shape()) && b.device().equals(param.device())) {
            return b;
        }
        Tensor[] flat = pools.computeIfAbsent(new PoolKey(param.dtype(), param.device()), k -> new Tensor[3]);
        long n = param.numel();
        if (flat[which] == null || flat[which].numel() < n) {
            flat[which] = Torch.zeros(new long[]{n}, param.dtype(), param.device());
            // views of the old, smaller buffer would keep it alive: let every parameter take a view of the new one
            for (Tensor[] views : views.values()) views[which] = null;
        }
        b = flat[which].narrow(0, 0, n).view(param.shape().toArray());
        v[which] = b;
        return b;
    }

    /** {@code self += alpha * t}. */
    void addScaled(Tensor param, Tensor self, Tensor t, double alpha) {
        if (alpha == 1) { self.add_(t); return; }
        if (Fused.addScaled_(self, t, alpha)) return; // one pass, the same roundings (FusedUpdateTest)
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

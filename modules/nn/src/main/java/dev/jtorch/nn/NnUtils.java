package dev.jtorch.nn;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.ArrayList;
import java.util.List;

/** {@code torch.nn.utils}: gradient clipping. */
public final class NnUtils {
    private NnUtils() {}

    /**
     * Scales the gradients of {@code parameters} in place so that their joint {@code normType}-norm (as if
     * concatenated) is at most {@code maxNorm}; returns the norm before clipping. {@code normType} may be
     * {@code Double.POSITIVE_INFINITY}.
     */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm, double normType, boolean errorIfNonfinite) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : parameters) if (p.grad() != null) grads.add(p.grad());
        if (grads.isEmpty()) return Torch.tensor(0.0);
        try (var ignored = GradMode.noGrad()) {
            Tensor total;
            if (normType == Double.POSITIVE_INFINITY) {
                List<Tensor> norms = new ArrayList<>();
                for (Tensor g : grads) norms.add(g.detach().abs().max());
                total = norms.size() == 1 ? norms.getFirst() : Torch.stack(norms).max();
            } else {
                List<Tensor> norms = new ArrayList<>();
                for (Tensor g : grads) norms.add(g.detach().norm(normType));
                total = Torch.stack(norms).norm(normType);
            }
            double t = total.item();
            if (errorIfNonfinite && (Double.isNaN(t) || Double.isInfinite(t))) {
                throw new IllegalStateException("The total norm of order " + PyRepr.pyFloat(normType) + " for gradients from `parameters` is "
                        + "non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite "
                        + "norm anyway, set `error_if_nonfinite=False`");
            }
            Tensor coef = Torch.scalar(maxNorm).div(total.add(1e-6)).clampMax(1.0);
            for (Tensor g : grads) g.detach().mul_(coef.to(g.dtype()));
            return total;
        }
    }

    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm, double normType) {
        return clipGradNorm_(parameters, maxNorm, normType, false);
    }

    /** With the 2-norm. */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm) {
        return clipGradNorm_(parameters, maxNorm, 2.0, false);
    }

    /** Clamps every gradient element to [-clipValue, clipValue] in place. */
    public static void clipGradValue_(Iterable<Tensor> parameters, double clipValue) {
        try (var ignored = GradMode.noGrad()) {
            for (Tensor p : parameters) if (p.grad() != null) p.grad().clamp_(-clipValue, clipValue);
        }
    }
}

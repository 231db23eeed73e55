package dev.jtorch;

import dev.jtorch.spi.Backend;

/**
 * Fused in-place updates for optimizers (as PyTorch's {@code torch._fused_adam_}): one pass over the memory instead of
 * a dozen tensor ops, when the backend has a fused kernel and the tensors fit it. Each method returns false, changing
 * nothing, when they do not; the caller then runs its tensor ops.
 */
public final class Fused {
    private Fused() {}

    /**
     * One Adam step (see {@link Backend#adamStep}) on {@code param}, {@code expAvg} and {@code expAvgSq} in place, from
     * {@code grad}. Applies to contiguous float32 tensors of one shape and device, none of them recording history.
     */
    public static boolean adamStep_(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double beta1, double beta2,
                                    double stepSize, double bc2Sqrt, double eps) {
        Tensor[] all = {param, grad, expAvg, expAvgSq};
        for (Tensor t : all) {
            if (t.dtype() != DType.FLOAT32 || !t.isContiguous() || !t.shape().equals(param.shape())
                    || !t.device().equals(param.device())) return false;
        }
        if (GradMode.isEnabled() && (param.requiresGrad() || expAvg.requiresGrad() || expAvgSq.requiresGrad())) return false;
        if (overlap(param, grad) || overlap(param, expAvg) || overlap(param, expAvgSq) || overlap(expAvg, expAvgSq)
                || overlap(grad, expAvg) || overlap(grad, expAvgSq)) return false;
        Backend b = Backends.forDevice(param.device());
        if (!b.adamStep(param.strided(), grad.strided(), expAvg.strided(), expAvgSq.strided(), beta1, beta2, stepSize,
                bc2Sqrt, eps)) return false;
        param.version.bump();
        expAvg.version.bump();
        expAvgSq.version.bump();
        return true;
    }

    /**
     * {@code self += other * alpha} in one pass (see {@link Backend#addScaled}); contiguous float32 tensors of one shape
     * and device in different storages, {@code self} not recording history.
     */
    public static boolean addScaled_(Tensor self, Tensor other, double alpha) {
        if (self.dtype() != DType.FLOAT32 || other.dtype() != DType.FLOAT32 || !self.isContiguous() || !other.isContiguous()
                || !self.shape().equals(other.shape()) || !self.device().equals(other.device()) || overlap(self, other)) return false;
        if (GradMode.isEnabled() && (self.requiresGrad() || other.requiresGrad())) return false;
        if (!Backends.forDevice(self.device()).addScaled(self.strided(), other.strided(), alpha)) return false;
        self.version.bump();
        return true;
    }

    private static boolean overlap(Tensor a, Tensor b) { return a.untypedStorage() == b.untypedStorage(); }
}

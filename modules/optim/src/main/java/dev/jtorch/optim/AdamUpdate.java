package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.DType;
import dev.jtorch.Fused;
import dev.jtorch.optim.internal.PyRepr;

import java.util.List;
import java.util.Map;

/** The update rule shared by {@link Adam} and {@link AdamW} (PyTorch 1.13's single-tensor path), and their checks. */
final class AdamUpdate {
    private AdamUpdate() {}

    /** What {@link #step} keeps per parameter. */
    static List<String> stateKeys(ParamGroup g) {
        return g.getBoolean("amsgrad") ? List.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("step", "exp_avg", "exp_avg_sq");
    }

    static void validate(ParamGroup g) {
        Optimizer.checkNonNegative(g, "lr", "learning rate");
        Optimizer.checkNonNegative(g, "eps", "epsilon value");
        if (g.get("betas") instanceof List<?> betas) {
            if (betas.size() != 2) throw new IllegalArgumentException("betas must be a pair, got " + betas);
            for (int i = 0; i < 2; i++) {
                if (!(betas.get(i) instanceof Number n)) throw new IllegalArgumentException("betas must be two numbers, got " + betas);
                double b = n.doubleValue();
                if (!(0.0 <= b && b < 1.0)) {
                    throw new IllegalArgumentException("Invalid beta parameter at index " + i + ": " + PyRepr.of(b));
                }
            }
        }
        Optimizer.checkNonNegative(g, "weight_decay", "weight_decay value");
    }

    /**
     * One step for {@code p}. {@code decoupled}: AdamW's {@code p *= 1 - lr * weight_decay} instead of adding
     * {@code weight_decay * p} to the gradient.
     */
    static void step(InPlace ops, Tensor p, Map<String, Object> st, ParamGroup g, boolean decoupled) {
        double lr = g.getDouble("lr"), eps = g.getDouble("eps"), weightDecay = g.getDouble("weight_decay");
        double[] betas = g.getBetas();
        double beta1 = betas[0], beta2 = betas[1];
        boolean amsgrad = g.getBoolean("amsgrad"), maximize = g.getBoolean("maximize");
        if (st.isEmpty()) {
            // PyTorch keeps step as a float32 0-dim tensor (torch.tensor(0.)); so do we, for identical state dicts.
            st.put("step", Torch.tensor(0.0).to(DType.FLOAT32));
            st.put("exp_avg", Torch.zerosLike(p));
            st.put("exp_avg_sq", Torch.zerosLike(p));
            if (amsgrad) st.put("max_exp_avg_sq", Torch.zerosLike(p));
        }
        Tensor stepT = (Tensor) st.get("step");
        Tensor expAvg = (Tensor) st.get("exp_avg"), expAvgSq = (Tensor) st.get("exp_avg_sq");
        Tensor grad = ops.effectiveGrad(p, maximize, decoupled ? 0 : weightDecay);
        stepT.add_(1.0);
        if (decoupled) p.mul_(1 - lr * weightDecay);

        double step = stepT.item();
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);

        // One pass instead of ~17 tensor ops where the backend has it (same roundings: FusedUpdateTest)
        if (!amsgrad && Fused.adamStep_(p, grad, expAvg, expAvgSq, beta1, beta2, stepSize, biasCorrection2Sqrt, eps)) return;

        ops.addScaled(p, expAvg.mul_(beta1), grad, 1 - beta1);
        ops.addcmul(p, expAvgSq.mul_(beta2), grad, grad, 1 - beta2);

        Tensor second = expAvgSq;
        if (amsgrad) {
            Tensor maxSq = (Tensor) st.get("max_exp_avg_sq");
            if (maxSq == null) throw new IllegalStateException("amsgrad is on but the state has no max_exp_avg_sq (was it loaded from a run without amsgrad?)");
            maxSq.copy_(maxSq.maximum(expAvgSq));  // no in-place maximum in the tensor API yet
            second = maxSq;
        }
        Tensor denom = ops.buffer(p, InPlace.DENOM).copy_(second).sqrt_().div_(biasCorrection2Sqrt).add_(eps);
        ops.addcdiv(p, p, expAvg, denom, -stepSize);
    }
}

package dev.jtorch.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@link Adam} and {@link AdamW}, with PyTorch's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8;
 * weight_decay 0 for Adam, 1e-2 for AdamW). Get them from {@code Adam.options()} or {@code AdamW.options()}.
 */
public final class AdamOptions {
    private double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay;
    private boolean amsgrad, maximize;

    AdamOptions(double defaultWeightDecay) { weightDecay = defaultWeightDecay; }

    public AdamOptions lr(double v) { lr = v; return this; }
    public AdamOptions betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
    public AdamOptions eps(double v) { eps = v; return this; }
    public AdamOptions weightDecay(double v) { weightDecay = v; return this; }
    public AdamOptions amsgrad(boolean v) { amsgrad = v; return this; }
    public AdamOptions maximize(boolean v) { maximize = v; return this; }

    Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("betas", List.of(beta1, beta2));
        d.put("eps", eps);
        d.put("weight_decay", weightDecay);
        d.put("amsgrad", amsgrad);
        d.put("maximize", maximize);
        return d;
    }
}

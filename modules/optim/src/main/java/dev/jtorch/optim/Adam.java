package dev.jtorch.optim;

import dev.jtorch.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adam, as PyTorch's {@code torch.optim.Adam} (L2 weight decay added to the gradient; amsgrad; maximize). State: {@code step} (float32 0-dim tensor), {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}. */
public final class Adam extends Optimizer {
    private final InPlace ops = new InPlace();

    /** Adam's options with PyTorch's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0). */
    public static final class Options {
        private double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0;
        private boolean amsgrad, maximize;

        public Options lr(double v) { lr = v; return this; }
        public Options betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Options eps(double v) { eps = v; return this; }
        public Options weightDecay(double v) { weightDecay = v; return this; }
        public Options amsgrad(boolean v) { amsgrad = v; return this; }
        public Options maximize(boolean v) { maximize = v; return this; }

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

    public static Options options() { return new Options(); }

    public Adam(List<Tensor> params) { this(params, options()); }

    public Adam(List<Tensor> params, double lr) { this(params, options().lr(lr)); }

    public Adam(List<Tensor> params, Options options) { super(single(params), options.defaults()); }

    /** Several groups; options a group does not set come from {@code defaults}. */
    public Adam(Options defaults, List<ParamGroup> groups) { super(groups, defaults.defaults()); }

    @Override
    protected void validateGroup(ParamGroup g) { AdamUpdate.validate(g); }

    @Override
    protected void update(ParamGroup g) {
        for (Tensor p : g.params()) {
            if (p.grad() != null) AdamUpdate.step(ops, p, stateOf(p), g, false);
        }
    }
}

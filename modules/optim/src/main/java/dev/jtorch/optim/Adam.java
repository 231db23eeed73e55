package dev.jtorch.optim;

import dev.jtorch.Tensor;

import java.util.List;

/** Adam, as PyTorch's {@code torch.optim.Adam} (L2 weight decay added to the gradient; amsgrad; maximize). State: {@code step} (float32 0-dim tensor), {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}. */
public final class Adam extends Optimizer {
    private final InPlace ops = new InPlace();

    /** Options with PyTorch's defaults for this optimizer; see {@link AdamOptions}. */
    public static AdamOptions options() { return new AdamOptions(0); }

    public Adam(List<Tensor> params) { this(params, options()); }

    public Adam(List<Tensor> params, double lr) { this(params, options().lr(lr)); }

    public Adam(List<Tensor> params, AdamOptions options) { super(single(params), options.defaults()); }

    /** Several groups; options a group does not set come from {@code defaults}. */
    public Adam(AdamOptions defaults, List<ParamGroup> groups) { super(groups, defaults.defaults()); }

    @Override
    protected void validateGroup(ParamGroup g) { AdamUpdate.validate(g); }

    @Override
    protected List<String> stateKeys(ParamGroup g) { return AdamUpdate.stateKeys(g); }

    @Override
    protected void update(ParamGroup g) {
        for (Tensor p : g.params()) {
            if (p.grad() != null) AdamUpdate.step(ops, p, stateOf(p), g, false);
        }
    }
}

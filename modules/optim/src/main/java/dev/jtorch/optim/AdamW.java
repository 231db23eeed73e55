package dev.jtorch.optim;

import dev.jtorch.Tensor;

import java.util.List;

/** AdamW, as PyTorch's {@code torch.optim.AdamW}: Adam with decoupled weight decay ({@code p *= 1 - lr * weight_decay} before the update). Same state as {@link Adam}. */
public final class AdamW extends Optimizer {
    private final InPlace ops = new InPlace();

    /** Options with PyTorch's defaults for this optimizer; see {@link AdamOptions}. */
    public static AdamOptions options() { return new AdamOptions(1e-2); }

    public AdamW(List<Tensor> params) { this(params, options()); }

    public AdamW(List<Tensor> params, double lr) { this(params, options().lr(lr)); }

    public AdamW(List<Tensor> params, AdamOptions options) { super(single(params), options.defaults()); }

    /** Several groups; options a group does not set come from {@code defaults}. */
    public AdamW(AdamOptions defaults, List<ParamGroup> groups) { super(groups, defaults.defaults()); }

    @Override
    protected void validateGroup(ParamGroup g) { AdamUpdate.validate(g); }

    @Override
    protected List<String> stateKeys(ParamGroup g) { return AdamUpdate.stateKeys(g); }

    @Override
    protected void update(ParamGroup g) {
        for (Tensor p : g.params()) {
            if (p.grad() != null) AdamUpdate.step(ops, p, stateOf(p), g, true);
        }
    }
}

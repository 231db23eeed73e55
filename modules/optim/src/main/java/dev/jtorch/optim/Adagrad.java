package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad, as PyTorch's {@code torch.optim.Adagrad} (lr_decay, weight_decay, initial_accumulator_value, eps, maximize).
 * State, created for every parameter up front as PyTorch does: {@code step} (float32 0-dim tensor) and {@code sum}.
 */
public final class Adagrad extends Optimizer {
    private final InPlace ops = new InPlace();

    /** Adagrad's options with PyTorch's defaults (lr 1e-2, eps 1e-10). */
    public static final class Options {
        private double lr = 1e-2, lrDecay, weightDecay, initialAccumulatorValue, eps = 1e-10;
        private boolean maximize;

        public Options lr(double v) { lr = v; return this; }
        public Options lrDecay(double v) { lrDecay = v; return this; }
        public Options weightDecay(double v) { weightDecay = v; return this; }
        public Options initialAccumulatorValue(double v) { initialAccumulatorValue = v; return this; }
        public Options eps(double v) { eps = v; return this; }
        public Options maximize(boolean v) { maximize = v; return this; }

        Map<String, Object> defaults() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lr", lr);
            d.put("lr_decay", lrDecay);
            d.put("eps", eps);
            d.put("weight_decay", weightDecay);
            d.put("initial_accumulator_value", initialAccumulatorValue);
            d.put("maximize", maximize);
            return d;
        }
    }

    public static Options options() { return new Options(); }

    public Adagrad(List<Tensor> params) { this(params, options()); }

    public Adagrad(List<Tensor> params, double lr) { this(params, options().lr(lr)); }

    public Adagrad(List<Tensor> params, Options options) {
        super(single(params), options.defaults());
        initState();
    }

    /** Several groups; options a group does not set come from {@code defaults}. */
    public Adagrad(Options defaults, List<ParamGroup> groups) {
        super(groups, defaults.defaults());
        initState();
    }

    private void initState() {
        for (ParamGroup g : paramGroups()) for (Tensor p : g.params()) ensureState(p, g);
    }

    private Map<String, Object> ensureState(Tensor p, ParamGroup g) {
        Map<String, Object> st = stateOf(p);
        if (st.isEmpty()) {
            st.put("step", Torch.tensor(0.0).to(DType.FLOAT32));
            st.put("sum", Torch.fullLike(p, g.getDouble("initial_accumulator_value")));
        }
        return st;
    }

    @Override
    protected void validateGroup(ParamGroup g) {
        checkNonNegative(g, "lr", "learning rate");
        checkNonNegative(g, "lr_decay", "lr_decay value");
        checkNonNegative(g, "weight_decay", "weight_decay value");
        checkNonNegative(g, "initial_accumulator_value", "initial_accumulator_value value");
        checkNonNegative(g, "eps", "epsilon value");
    }

    @Override
    protected List<String> stateKeys(ParamGroup g) { return List.of("step", "sum"); }

    @Override
    protected void update(ParamGroup g) {
        double lr = num(g, "lr"), lrDecay = num(g, "lr_decay"), weightDecay = num(g, "weight_decay"), eps = num(g, "eps");
        boolean maximize = flag(g, "maximize");
        for (Tensor p : g.params()) {
            if (p.grad() == null) continue;
            Map<String, Object> st = ensureState(p, g);
            Tensor stepT = (Tensor) st.get("step");
            stepT.add_(1.0);
            double step = stepT.item();
            Tensor grad = ops.effectiveGrad(p, maximize, weightDecay);
            double clr = lr / (1 + (step - 1) * lrDecay);
            Tensor sum = (Tensor) st.get("sum");
            ops.addcmul(p, sum, grad, grad, 1);
            Tensor std = ops.buffer(p, InPlace.DENOM).copy_(sum).sqrt_().add_(eps);
            ops.addcdiv(p, p, grad, std, -clr);
        }
    }
}

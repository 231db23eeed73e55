package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, as PyTorch's {@code torch.optim.RMSprop} (alpha, eps, centered, momentum, weight_decay, maximize).
 * State: {@code step} (a count), {@code square_avg}, {@code momentum_buffer} (momentum &gt; 0), {@code grad_avg} (centered).
 */
public final class RMSprop extends Optimizer {
    private final InPlace ops = new InPlace();

    /** RMSprop's options with PyTorch's defaults (lr 1e-2, alpha 0.99, eps 1e-8). */
    public static final class Options {
        private double lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay, momentum;
        private boolean centered, maximize;

        public Options lr(double v) { lr = v; return this; }
        public Options alpha(double v) { alpha = v; return this; }
        public Options eps(double v) { eps = v; return this; }
        public Options weightDecay(double v) { weightDecay = v; return this; }
        public Options momentum(double v) { momentum = v; return this; }
        public Options centered(boolean v) { centered = v; return this; }
        public Options maximize(boolean v) { maximize = v; return this; }

        Map<String, Object> defaults() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lr", lr);
            d.put("momentum", momentum);
            d.put("alpha", alpha);
            d.put("eps", eps);
            d.put("centered", centered);
            d.put("weight_decay", weightDecay);
            d.put("maximize", maximize);
            return d;
        }
    }

    public static Options options() { return new Options(); }

    public RMSprop(List<Tensor> params) { this(params, options()); }

    public RMSprop(List<Tensor> params, double lr) { this(params, options().lr(lr)); }

    public RMSprop(List<Tensor> params, Options options) { super(single(params), options.defaults()); }

    /** Several groups; options a group does not set come from {@code defaults}. */
    public RMSprop(Options defaults, List<ParamGroup> groups) { super(groups, defaults.defaults()); }

    @Override
    protected void validateGroup(ParamGroup g) {
        checkNonNegative(g, "lr", "learning rate");
        checkNonNegative(g, "eps", "epsilon value");
        checkNonNegative(g, "momentum", "momentum value");
        checkNonNegative(g, "weight_decay", "weight_decay value");
        checkNonNegative(g, "alpha", "alpha value");
    }

    @Override
    protected List<String> stateKeys(ParamGroup g) {
        List<String> keys = new ArrayList<>(List.of("step", "square_avg"));
        if (g.getDouble("momentum") > 0) keys.add("momentum_buffer");
        if (g.getBoolean("centered")) keys.add("grad_avg");
        return keys;
    }

    /** A long, as PyTorch 1.13's RMSprop keeps it. */
    @Override
    protected boolean tensorStep() { return false; }

    @Override
    protected void update(ParamGroup g) {
        double lr = num(g, "lr"), alpha = num(g, "alpha"), eps = num(g, "eps");
        double weightDecay = num(g, "weight_decay"), momentum = num(g, "momentum");
        boolean centered = flag(g, "centered"), maximize = flag(g, "maximize");
        for (Tensor p : g.params()) {
            if (p.grad() == null) continue;
            Map<String, Object> st = stateOf(p);
            if (st.isEmpty()) {
                st.put("step", 0L);
                st.put("square_avg", Torch.zerosLike(p));
                if (momentum > 0) st.put("momentum_buffer", Torch.zerosLike(p));
                if (centered) st.put("grad_avg", Torch.zerosLike(p));
            }
            st.put("step", ((Number) st.get("step")).longValue() + 1);
            Tensor grad = ops.effectiveGrad(p, maximize, weightDecay);
            Tensor squareAvg = (Tensor) st.get("square_avg");
            ops.addcmul(p, squareAvg.mul_(alpha), grad, grad, 1 - alpha);

            Tensor avg = ops.buffer(p, InPlace.DENOM);
            if (centered) {
                Tensor gradAvg = require(st, "grad_avg");
                ops.addScaled(p, gradAvg.mul_(alpha), grad, 1 - alpha);
                // square_avg.addcmul(grad_avg, grad_avg, value=-1): the sum is the same either way round
                avg.copy_(gradAvg).neg_().mul_(gradAvg).add_(squareAvg).sqrt_();
            } else {
                avg.copy_(squareAvg).sqrt_();
            }
            avg.add_(eps);

            if (momentum > 0) {
                Tensor buf = require(st, "momentum_buffer");
                ops.addcdiv(p, buf.mul_(momentum), grad, avg, 1);
                ops.addScaled(p, p, buf, -lr);
            } else {
                ops.addcdiv(p, p, grad, avg, -lr);
            }
        }
    }

    private static Tensor require(Map<String, Object> st, String key) {
        Object t = st.get(key);
        if (!(t instanceof Tensor tensor)) {
            throw new IllegalStateException("RMSprop state has no '" + key + "' (the group's momentum/centered changed after the first step?)");
        }
        return tensor;
    }
}

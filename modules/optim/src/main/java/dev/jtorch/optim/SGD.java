package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.optim.internal.PyRepr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum, weight decay and maximisation,
 * as PyTorch's {@code torch.optim.SGD} (1.13 update rule; state: {@code momentum_buffer}).
 */
public final class SGD extends Optimizer {
    private final InPlace ops = new InPlace();

    /** SGD's options; {@code lr} has no default (PyTorch's {@code required}). */
    public static final class Options {
        private Double lr;
        private double momentum, dampening, weightDecay;
        private boolean nesterov, maximize;

        public Options lr(double v) { lr = v; return this; }
        public Options momentum(double v) { momentum = v; return this; }
        public Options dampening(double v) { dampening = v; return this; }
        public Options weightDecay(double v) { weightDecay = v; return this; }
        public Options nesterov(boolean v) { nesterov = v; return this; }
        public Options maximize(boolean v) { maximize = v; return this; }

        Map<String, Object> defaults() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lr", lr == null ? REQUIRED : lr);
            d.put("momentum", momentum);
            d.put("dampening", dampening);
            d.put("weight_decay", weightDecay);
            d.put("nesterov", nesterov);
            d.put("maximize", maximize);
            return d;
        }
    }

    public static Options options() { return new Options(); }

    public SGD(List<Tensor> params, double lr) { this(params, options().lr(lr)); }

    public SGD(List<Tensor> params, double lr, double momentum) { this(params, options().lr(lr).momentum(momentum)); }

    public SGD(List<Tensor> params, Options options) { super(single(params), options.defaults()); }

    /** Several groups; options a group does not set come from {@code defaults}. */
    public SGD(Options defaults, List<ParamGroup> groups) { super(groups, defaults.defaults()); }

    @Override
    protected void validateGroup(ParamGroup g) {
        if (g.get("lr") instanceof Double lr && lr < 0.0) throw new IllegalArgumentException("Invalid learning rate: " + PyRepr.of(lr));
        checkNonNegative(g, "momentum", "momentum value");
        checkNonNegative(g, "weight_decay", "weight_decay value");
        if (g.get("nesterov") instanceof Boolean n && n) {
            double momentum = g.getDouble("momentum"), dampening = g.getDouble("dampening");
            if (momentum <= 0 || dampening != 0) {
                throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
            }
        }
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = num(g, "lr"), momentum = num(g, "momentum"), dampening = num(g, "dampening");
        double weightDecay = num(g, "weight_decay");
        boolean nesterov = flag(g, "nesterov"), maximize = flag(g, "maximize");
        for (Tensor p : g.params()) {
            if (p.grad() == null) continue;
            Tensor dp = ops.effectiveGrad(p, maximize, weightDecay);
            Map<String, Object> st = stateOf(p);
            if (momentum == 0) {
                st.put("momentum_buffer", null);  // PyTorch keeps the key (None) when momentum is off
            } else {
                Tensor buf = (Tensor) st.get("momentum_buffer");
                if (buf == null) {
                    buf = dp.detach().clone();
                    st.put("momentum_buffer", buf);
                } else {
                    ops.addScaled(p, buf.mul_(momentum), dp, 1 - dampening);
                }
                if (nesterov) {
                    if (dp == p.grad()) dp = ops.buffer(p, InPlace.GRAD).copy_(dp);
                    ops.addScaled(p, dp, buf, momentum);
                } else {
                    dp = buf;
                }
            }
            ops.addScaled(p, p, dp, -lr);
        }
    }
}

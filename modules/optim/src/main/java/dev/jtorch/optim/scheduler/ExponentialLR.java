package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;

import java.util.Map;

/** Multiplies each group's lr by {@code gamma} every epoch, as PyTorch's {@code ExponentialLR}. */
public final class ExponentialLR extends LRScheduler {
    private double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer, -1);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        if (lastEpoch == 0) return lrs;
        for (int i = 0; i < lrs.length; i++) lrs[i] = lrs[i] * gamma;
        return lrs;
    }

    @Override
    protected double[] closedFormLr() { return fromBase(base -> base * Math.pow(gamma, lastEpoch)); }

    @Override
    protected void saveExtra(Map<String, Object> out) { out.put("gamma", gamma); }

    @Override
    protected void loadExtra(Map<String, Object> state) { gamma = StateValues.number(state, "gamma", gamma); }
}

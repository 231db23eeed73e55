package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;

import java.util.Map;

/** Multiplies each group's lr by {@code gamma} every {@code stepSize} epochs, as PyTorch's {@code StepLR}. */
public final class StepLR extends LRScheduler {
    private int stepSize;
    private double gamma;

    public StepLR(Optimizer optimizer, int stepSize) { this(optimizer, stepSize, 0.1); }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer, -1);
        // PyTorch divides by step_size; say so instead of an ArithmeticException
        if (stepSize <= 0) throw new IllegalArgumentException("StepLR step_size must be a positive integer, got " + stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) return lrs;
        for (int i = 0; i < lrs.length; i++) lrs[i] = lrs[i] * gamma;
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        return fromBase(base -> base * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize)));
    }

    @Override
    protected void saveExtra(Map<String, Object> out) {
        out.put("step_size", stepSize);
        out.put("gamma", gamma);
    }

    @Override
    protected void loadExtra(Map<String, Object> state) {
        stepSize = StateValues.integer(state, "step_size", stepSize);
        gamma = StateValues.number(state, "gamma", gamma);
    }
}

package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;

import java.util.Map;

/**
 * Scales each group's lr linearly from {@code startFactor} to {@code endFactor} times its initial value over
 * {@code totalIters} epochs, as PyTorch's {@code LinearLR} (defaults 1/3, 1.0, 5).
 */
public final class LinearLR extends LRScheduler {
    private double startFactor, endFactor;
    private int totalIters;

    public LinearLR(Optimizer optimizer) { this(optimizer, 1.0 / 3, 1.0, 5); }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer, -1);
        if (startFactor > 1.0 || startFactor < 0) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be between 0 and 1.");
        }
        if (endFactor > 1.0 || endFactor < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        if (lastEpoch == 0) {
            for (int i = 0; i < lrs.length; i++) lrs[i] = lrs[i] * startFactor;
            return lrs;
        }
        if (lastEpoch > totalIters) return lrs;
        double factor = 1. + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor));
        for (int i = 0; i < lrs.length; i++) lrs[i] = lrs[i] * factor;
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        return fromBase(base -> base * (startFactor
                + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters));
    }

    @Override
    protected void saveExtra(Map<String, Object> out) {
        out.put("start_factor", startFactor);
        out.put("end_factor", endFactor);
        out.put("total_iters", totalIters);
    }

    @Override
    protected void loadExtra(Map<String, Object> state) {
        startFactor = StateValues.number(state, "start_factor", startFactor);
        endFactor = StateValues.number(state, "end_factor", endFactor);
        totalIters = StateValues.integer(state, "total_iters", totalIters);
    }
}

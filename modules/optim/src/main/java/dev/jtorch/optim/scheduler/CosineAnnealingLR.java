package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;

import java.util.Map;

/**
 * Cosine annealing from each group's initial lr down to {@code etaMin} over {@code tMax} epochs (and back up after,
 * periodically), as PyTorch's {@code CosineAnnealingLR}, with its recursive form so it composes with other schedulers.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private int tMax;
    private double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) { this(optimizer, tMax, 0); }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer, -1);
        // PyTorch divides by T_max; say so instead of an ArithmeticException/NaN
        if (tMax <= 0) throw new IllegalArgumentException("CosineAnnealingLR T_max must be a positive integer, got " + tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        if (lastEpoch == 0) return lrs;
        if (stepCount == 1 && lastEpoch > 0) {
            return fromBase(base -> etaMin + (base - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2);
        }
        if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] + (baseLrs.get(i) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            }
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                    * (lrs[i] - etaMin) + etaMin;
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        return fromBase(base -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2);
    }

    @Override
    protected void saveExtra(Map<String, Object> out) {
        out.put("T_max", tMax);
        out.put("eta_min", etaMin);
    }

    @Override
    protected void loadExtra(Map<String, Object> state) {
        tMax = StateValues.integer(state, "T_max", tMax);
        etaMin = StateValues.number(state, "eta_min", etaMin);
    }
}

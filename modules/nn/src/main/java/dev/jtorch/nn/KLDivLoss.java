package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Kullback-Leibler divergence of log-probabilities, as PyTorch's {@code nn.KLDivLoss} ('batchmean' allowed). */
public class KLDivLoss extends Loss {
    public final boolean logTarget;

    public KLDivLoss() { this("mean", false); }

    public KLDivLoss(String reduction, boolean logTarget) {
        super(reduction);
        this.logTarget = logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.klDiv(input, target, reduction, logTarget); }
}

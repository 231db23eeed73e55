package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Negative log-likelihood of log-probabilities at class indices, as PyTorch's {@code nn.NLLLoss}. */
public class NLLLoss extends Loss {
    public final Tensor weight;
    public final long ignoreIndex;

    public NLLLoss() { this(null, -100, "mean"); }

    /** {@code weight}: one per class, or null; registered as a buffer, as PyTorch. */
    public NLLLoss(Tensor weight, long ignoreIndex, String reduction) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.nllLoss(input, target, weight, ignoreIndex, reduction); }
}

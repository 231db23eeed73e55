package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Binary cross entropy of probabilities, as PyTorch's {@code nn.BCELoss}. */
public class BCELoss extends Loss {
    public final Tensor weight;

    public BCELoss() { this(null, "mean"); }

    public BCELoss(Tensor weight, String reduction) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.binaryCrossEntropy(input, target, weight, reduction); }
}

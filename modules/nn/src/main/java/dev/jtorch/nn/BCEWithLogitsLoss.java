package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Sigmoid plus binary cross entropy in one stable step, as PyTorch's {@code nn.BCEWithLogitsLoss}. */
public class BCEWithLogitsLoss extends Loss {
    public final Tensor weight;
    public final Tensor posWeight;

    public BCEWithLogitsLoss() { this(null, "mean", null); }

    /** {@code posWeight}: weight of positive examples per class, or null. */
    public BCEWithLogitsLoss(Tensor weight, String reduction, Tensor posWeight) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.posWeight = registerBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction); }
}

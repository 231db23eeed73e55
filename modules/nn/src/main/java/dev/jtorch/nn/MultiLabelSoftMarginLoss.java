package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** The per-class logistic loss averaged over classes, as PyTorch's {@code nn.MultiLabelSoftMarginLoss}. */
public class MultiLabelSoftMarginLoss extends Loss {
    /** Per-class weights (a buffer), or null. */
    public final Tensor weight;

    public MultiLabelSoftMarginLoss() { this(null, "mean"); }

    public MultiLabelSoftMarginLoss(Tensor weight, String reduction) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.multilabelSoftMarginLoss(input, target, weight, reduction); }
}

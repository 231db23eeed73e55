package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** 1 − cos(x1, x2) where y = 1, max(0, cos(x1, x2) − margin) where y = −1, as PyTorch's {@code nn.CosineEmbeddingLoss}. Its forward takes three tensors. */
public class CosineEmbeddingLoss extends Module {
    public final double margin;
    public final String reduction;

    public CosineEmbeddingLoss() { this(0.0, "mean"); }

    public CosineEmbeddingLoss(double margin, String reduction) {
        this.margin = margin;
        this.reduction = Loss.checkReduction(reduction);
    }

    public Tensor forward(Tensor input1, Tensor input2, Tensor target) { return F.cosineEmbeddingLoss(input1, input2, target, margin, reduction); }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** max(0, −y·(x1 − x2) + margin), as PyTorch's {@code nn.MarginRankingLoss}. Its forward takes three tensors. */
public class MarginRankingLoss extends Module {
    public final double margin;
    public final String reduction;

    public MarginRankingLoss() { this(0.0, "mean"); }

    public MarginRankingLoss(double margin, String reduction) {
        this.margin = margin;
        this.reduction = Loss.checkReduction(reduction);
    }

    public Tensor forward(Tensor input1, Tensor input2, Tensor target) { return F.marginRankingLoss(input1, input2, target, margin, reduction); }
}

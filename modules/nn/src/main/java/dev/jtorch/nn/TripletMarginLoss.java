package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** max(0, margin + d(a, p) − d(a, n)) with the p-norm distance, as PyTorch's {@code nn.TripletMarginLoss}. */
public class TripletMarginLoss extends Module {
    public final double margin;
    public final double p;
    public final double eps;
    public final boolean swap;
    public final String reduction;

    public TripletMarginLoss() { this(1.0, 2, 1e-6, false, "mean"); }

    public TripletMarginLoss(double margin, double p, double eps, boolean swap, String reduction) {
        this.margin = margin;
        this.p = p;
        this.eps = eps;
        this.swap = swap;
        this.reduction = Loss.checkReduction(reduction);
    }

    public Tensor forward(Tensor anchor, Tensor positive, Tensor negative) {
        return F.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction);
    }
}

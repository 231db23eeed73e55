package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** The p-norm distance between rows of two tensors, as PyTorch's {@code nn.PairwiseDistance}. */
public class PairwiseDistance extends Module {
    public final double p;
    public final double eps;
    public final boolean keepdim;

    public PairwiseDistance() { this(2, 1e-6, false); }

    public PairwiseDistance(double p, double eps, boolean keepdim) {
        this.p = p;
        this.eps = eps;
        this.keepdim = keepdim;
    }

    public Tensor forward(Tensor x1, Tensor x2) { return F.pairwiseDistance(x1, x2, p, eps, keepdim); }
}

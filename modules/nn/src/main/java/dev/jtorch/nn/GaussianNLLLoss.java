package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Gaussian negative log-likelihood of targets under predicted means and variances, as PyTorch's {@code nn.GaussianNLLLoss}. */
public class GaussianNLLLoss extends Module {
    public final boolean full;
    public final double eps;
    public final String reduction;

    public GaussianNLLLoss() { this(false, 1e-6, "mean"); }

    public GaussianNLLLoss(boolean full, double eps, String reduction) {
        this.full = full;
        this.eps = eps;
        this.reduction = Loss.checkReduction(reduction);
    }

    public Tensor forward(Tensor input, Tensor target, Tensor var) { return F.gaussianNllLoss(input, target, var, full, eps, reduction); }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** log(1 + exp(−y·x)), as PyTorch's {@code nn.SoftMarginLoss}. */
public class SoftMarginLoss extends Loss {
    public SoftMarginLoss() { this("mean"); }

    public SoftMarginLoss(String reduction) { super(reduction); }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.softMarginLoss(input, target, reduction); }
}

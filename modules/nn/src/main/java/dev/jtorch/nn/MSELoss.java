package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Mean squared error, as PyTorch's {@code nn.MSELoss}. */
public class MSELoss extends Loss {
    public MSELoss() { this("mean"); }

    public MSELoss(String reduction) { super(reduction); }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.mseLoss(input, target, reduction); }
}

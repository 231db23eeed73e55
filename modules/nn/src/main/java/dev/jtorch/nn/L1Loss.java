package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Mean absolute error, as PyTorch's {@code nn.L1Loss}. */
public class L1Loss extends Loss {
    public L1Loss() { this("mean"); }

    public L1Loss(String reduction) { super(reduction); }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.l1Loss(input, target, reduction); }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Quadratic below {@code delta}, delta-scaled linear above, as PyTorch's {@code nn.HuberLoss}. */
public class HuberLoss extends Loss {
    public final double delta;

    public HuberLoss() { this("mean", 1.0); }

    public HuberLoss(String reduction, double delta) {
        super(reduction);
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.huberLoss(input, target, reduction, delta); }
}

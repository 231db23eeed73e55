package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;

/** y = x·Wᵀ + b, as PyTorch's {@code nn.Linear}; weight (out, in), bias (out). */
public class Linear extends Module {
    public final long inFeatures, outFeatures;
    public final Tensor weight;
    public final Tensor bias;

    public Linear(long inFeatures, long outFeatures) { this(inFeatures, outFeatures, true); }

    public Linear(long inFeatures, long outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Torch.empty(outFeatures, inFeatures));
        this.bias = registerParameter("bias", bias ? Torch.empty(outFeatures) : null);
        resetParameters();
    }

    /** PyTorch's defaults: kaiming_uniform(a=√5) for the weight, U(±1/√fan_in) for the bias, in that order. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            long fanIn = Init.calculateFanInAndFanOut(weight)[0];
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor input) { return F.linear(input, weight, bias); }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + py(bias != null);
    }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;

/** y = x1ᵀ·A·x2 + b, as PyTorch's {@code nn.Bilinear}; weight (out, in1, in2). */
public class Bilinear extends Module {
    public final long in1Features, in2Features, outFeatures;
    public final Tensor weight;
    public final Tensor bias;

    public Bilinear(long in1Features, long in2Features, long outFeatures) { this(in1Features, in2Features, outFeatures, true); }

    public Bilinear(long in1Features, long in2Features, long outFeatures, boolean bias) {
        this.in1Features = in1Features;
        this.in2Features = in2Features;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Torch.empty(outFeatures, in1Features, in2Features));
        this.bias = registerParameter("bias", bias ? Torch.empty(outFeatures) : null);
        resetParameters();
    }

    /** PyTorch's default: U(±1/√in1) for weight and bias. */
    public void resetParameters() {
        double bound = 1 / Math.sqrt(weight.size(1));
        Init.uniform_(weight, -bound, bound);
        if (bias != null) Init.uniform_(bias, -bound, bound);
    }

    /** Use {@link #forward(Tensor, Tensor)}: a bilinear layer takes two inputs. */
    public Tensor forward(Tensor input1, Tensor input2) { return F.bilinear(input1, input2, weight, bias); }

    @Override
    protected String extraRepr() {
        return "in1_features=" + in1Features + ", in2_features=" + in2Features + ", out_features=" + outFeatures + ", bias=" + py(bias != null);
    }
}

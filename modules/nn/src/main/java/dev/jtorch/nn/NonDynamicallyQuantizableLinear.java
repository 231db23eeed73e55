package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;

/**
 * The output projection of {@link MultiheadAttention} ({@code out_proj}), under PyTorch's class name for it:
 * y = x·Wᵀ + b with {@code weight} (out, in) and {@code bias} (out), initialised as PyTorch's Linear
 * (kaiming-uniform with a=√5 for the weight, U(±1/√in) for the bias).
 * (Standalone until {@code Linear} lands in this branch; then it becomes a subclass of it, as in PyTorch.)
 */
public final class NonDynamicallyQuantizableLinear extends Module {
    public final long inFeatures, outFeatures;
    public final Tensor weight;
    public final Tensor bias;

    public NonDynamicallyQuantizableLinear(long inFeatures, long outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Torch.empty(outFeatures, inFeatures));
        this.bias = registerParameter("bias", bias ? Torch.empty(outFeatures) : null);
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (this.bias != null) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform_(this.bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor input) { return F.linear(input, weight, bias); }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + py(bias != null);
    }
}

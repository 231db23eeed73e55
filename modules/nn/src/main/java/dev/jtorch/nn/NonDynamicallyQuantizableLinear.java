package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * The output projection of {@link MultiheadAttention} ({@code out_proj}), as PyTorch's class of the same name:
 * a linear layer y = x·Wᵀ + b with {@code weight} (out, in) and {@code bias} (out), initialised as PyTorch's
 * Linear (kaiming-uniform with a=√5, i.e. U(-1/√in, 1/√in), for both).
 */
public final class NonDynamicallyQuantizableLinear extends Module {
    private final long inFeatures;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    public NonDynamicallyQuantizableLinear(long inFeatures, long outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = inFeatures > 0 ? 1.0 / Math.sqrt(inFeatures) : 0;
        this.weight = registerParameter("weight", Torch.zeros(outFeatures, inFeatures).uniform_(-bound, bound));
        this.bias = registerParameter("bias", bias ? Torch.zeros(outFeatures).uniform_(-bound, bound) : null);
    }

    public Tensor weight() { return weight; }

    /** Null when built without bias. */
    public Tensor bias() { return bias; }

    @Override
    public Tensor forward(Tensor input) {
        Tensor y = input.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + py(bias != null);
    }
}

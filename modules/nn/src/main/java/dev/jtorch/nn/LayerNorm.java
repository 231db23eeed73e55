package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/** Normalization over the last dims, as PyTorch's {@code nn.LayerNorm}; weight ones and bias zeros of normalized_shape. */
public class LayerNorm extends Module {
    public final long[] normalizedShape;
    public final double eps;
    public final boolean elementwiseAffine;
    public final Tensor weight, bias;

    public LayerNorm(long... normalizedShape) { this(normalizedShape, 1e-5, true); }

    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.weight = registerParameter("weight", elementwiseAffine ? Torch.ones(normalizedShape) : null);
        this.bias = registerParameter("bias", elementwiseAffine ? Torch.zeros(normalizedShape) : null);
    }

    @Override
    public Tensor forward(Tensor input) { return F.layerNorm(input, normalizedShape, weight, bias, eps); }

    @Override
    protected String extraRepr() {
        int[] shape = new int[normalizedShape.length];
        for (int i = 0; i < shape.length; i++) shape[i] = (int) normalizedShape[i];
        return LayerArgs.tuple(shape) + ", eps=" + LayerArgs.pyFloat(eps) + ", elementwise_affine=" + py(elementwiseAffine);
    }
}

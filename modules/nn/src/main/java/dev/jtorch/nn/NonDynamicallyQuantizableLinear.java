package dev.jtorch.nn;

/**
 * The output projection of {@link MultiheadAttention} ({@code out_proj}): a {@link Linear} under PyTorch's class
 * name for it, so that reprs read the same.
 */
public final class NonDynamicallyQuantizableLinear extends Linear {
    public NonDynamicallyQuantizableLinear(long inFeatures, long outFeatures, boolean bias) {
        super(inFeatures, outFeatures, bias);
    }
}

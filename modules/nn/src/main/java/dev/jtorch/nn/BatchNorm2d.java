package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** Batch normalization over [N, C, H, W] inputs, as PyTorch's {@code nn.BatchNorm2d}. */
public class BatchNorm2d extends BatchNormBase {
    public BatchNorm2d(long numFeatures) { this(numFeatures, 1e-5, 0.1, true, true); }

    /** {@code momentum} null: cumulative moving average. */
    public BatchNorm2d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 4) throw new IllegalArgumentException("expected 4D input (got " + input.dim() + "D input)");
    }
}

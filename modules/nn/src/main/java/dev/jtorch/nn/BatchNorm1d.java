package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** Batch normalization over [N, C] or [N, C, L] inputs, as PyTorch's {@code nn.BatchNorm1d}. */
public class BatchNorm1d extends BatchNormBase {
    public BatchNorm1d(long numFeatures) { this(numFeatures, 1e-5, 0.1, true, true); }

    /** {@code momentum} null: cumulative moving average. */
    public BatchNorm1d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("expected 2D or 3D input (got " + input.dim() + "D input)");
        }
    }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * What InstanceNorm1d and InstanceNorm2d share: the normalization layers' parameters and buffers (PyTorch's
 * {@code _NormBase}, here {@link BatchNormBase}), statistics per sample and channel, and an unbatched input taken as
 * one sample.
 */
public abstract class InstanceNormBase extends BatchNormBase {
    private final int batchedDims;

    protected InstanceNormBase(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats, int spatialDims) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
        this.batchedDims = spatialDims + 2;
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != batchedDims && input.dim() != batchedDims - 1) {
            throw new IllegalArgumentException("expected " + (batchedDims - 1) + "D or " + batchedDims + "D input (got " + input.dim()
                    + "D input)");
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        if (input.dim() == batchedDims - 1) return forward(input.unsqueeze(0)).squeeze(0);
        boolean useInputStats = isTraining() || !trackRunningStats;
        return F.instanceNorm(input, runningMean, runningVar, weight, bias, useInputStats, momentum, eps);
    }
}

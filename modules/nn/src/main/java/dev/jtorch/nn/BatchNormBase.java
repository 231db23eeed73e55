package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/**
 * What BatchNorm1d and BatchNorm2d share (PyTorch's {@code _BatchNorm}): affine weight/bias, the
 * running_mean / running_var / num_batches_tracked buffers, and the choice between batch statistics
 * (training, or no running stats) and running statistics (eval).
 */
public abstract class BatchNormBase extends Module {
    public final long numFeatures;
    public final double eps;
    /** null: a cumulative moving average (factor 1/num_batches_tracked), as PyTorch's momentum=None. */
    public final Double momentum;
    public final boolean affine, trackRunningStats;
    public final Tensor weight, bias, runningMean, runningVar, numBatchesTracked;

    protected BatchNormBase(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.weight = registerParameter("weight", affine ? Torch.ones(numFeatures) : null);
        this.bias = registerParameter("bias", affine ? Torch.zeros(numFeatures) : null);
        this.runningMean = registerBuffer("running_mean", trackRunningStats ? Torch.zeros(numFeatures) : null);
        this.runningVar = registerBuffer("running_var", trackRunningStats ? Torch.ones(numFeatures) : null);
        this.numBatchesTracked = registerBuffer("num_batches_tracked",
                trackRunningStats ? Torch.zeros(new long[0], DType.INT64) : null);
    }

    /** Throws PyTorch's message when the input's rank does not suit the layer. */
    protected abstract void checkInputDim(Tensor input);

    public void resetRunningStats() {
        if (!trackRunningStats) return;
        try (var ignored = GradMode.noGrad()) {
            runningMean.zero_();
            runningVar.fill_(1.0);
            numBatchesTracked.zero_();
        }
    }

    public void resetParameters() {
        resetRunningStats();
        if (affine) {
            try (var ignored = GradMode.noGrad()) {
                weight.fill_(1.0);
                bias.zero_();
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && trackRunningStats) {
            try (var ignored = GradMode.noGrad()) {
                numBatchesTracked.add_(1L);
            }
            if (momentum == null) factor = 1.0 / numBatchesTracked.item();
        }
        boolean useBatchStats = isTraining() || (runningMean == null && runningVar == null);
        boolean updateStats = !isTraining() || trackRunningStats;
        return F.batchNorm(input, updateStats ? runningMean : null, updateStats ? runningVar : null, weight, bias, useBatchStats,
                factor, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + LayerArgs.pyFloat(eps) + ", momentum=" + (momentum == null ? "None" : LayerArgs.pyFloat(momentum))
                + ", affine=" + py(affine) + ", track_running_stats=" + py(trackRunningStats);
    }
}

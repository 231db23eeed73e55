package dev.jtorch.nn;

/** Normalization of each sample's channels of [N, C, L] (or [C, L]) over their spatial positions, as PyTorch's {@code nn.InstanceNorm1d}. */
public class InstanceNorm1d extends InstanceNormBase {
    /** PyTorch's defaults: eps 1e-5, momentum 0.1, no affine parameters, no running stats. */
    public InstanceNorm1d(long numFeatures) { this(numFeatures, 1e-5, 0.1, false, false); }

    public InstanceNorm1d(long numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 1);
    }
}

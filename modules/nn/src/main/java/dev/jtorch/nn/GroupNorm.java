package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/** Normalization over groups of channels, as PyTorch's {@code nn.GroupNorm}; per-channel weight ones and bias zeros. */
public class GroupNorm extends Module {
    public final int numGroups;
    public final long numChannels;
    public final double eps;
    public final boolean affine;
    public final Tensor weight, bias;

    public GroupNorm(int numGroups, long numChannels) { this(numGroups, numChannels, 1e-5, true); }

    public GroupNorm(int numGroups, long numChannels, double eps, boolean affine) {
        if (numGroups <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("num_channels must be divisible by num_groups");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = affine;
        this.weight = registerParameter("weight", affine ? Torch.ones(numChannels) : null);
        this.bias = registerParameter("bias", affine ? Torch.zeros(numChannels) : null);
    }

    @Override
    public Tensor forward(Tensor input) { return F.groupNorm(input, numGroups, weight, bias, eps); }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + LayerArgs.pyFloat(eps) + ", affine=" + py(affine);
    }
}

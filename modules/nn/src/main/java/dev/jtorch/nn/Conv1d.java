package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/**
 * 1-D convolution over [N, C, L] (or unbatched [C, L]) inputs, as PyTorch's {@code nn.Conv1d}:
 * weight [out, in/groups, k], bias [out]; padding an int or "same"/"valid".
 */
public class Conv1d extends Module {
    public final int inChannels, outChannels, kernelSize, stride, padding, dilation, groups;
    /** "same" or "valid" when padding was given as a string, else null. */
    public final String paddingMode;
    public final Tensor weight, bias;

    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true);
    }

    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups, boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias);
    }

    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, String padding, int dilation, int groups,
                  boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, 0, Conv2d.checkPadding(padding, new int[]{stride}), dilation, groups, bias);
    }

    private Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, String paddingMode, int dilation,
                   int groups, boolean bias) {
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.paddingMode = paddingMode;
        this.dilation = dilation;
        this.groups = groups;
        this.weight = registerParameter("weight", Torch.empty(outChannels, inChannels / groups, kernelSize));
        this.bias = registerParameter("bias", bias ? Torch.empty(outChannels) : null);
        resetParameters();
    }

    /** PyTorch's default: kaiming_uniform(a=√5) weight, U(±1/√fan_in) bias. */
    public void resetParameters() { LayerArgs.resetConv(weight, bias); }

    @Override
    public Tensor forward(Tensor input) {
        return paddingMode != null
                ? F.conv1d(input, weight, bias, stride, paddingMode, dilation, groups)
                : F.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(LayerArgs.tuple(kernelSize)).append(", stride=").append(LayerArgs.tuple(stride));
        if (paddingMode != null) s.append(", padding=").append(paddingMode);
        else if (padding != 0) s.append(", padding=").append(LayerArgs.tuple(padding));
        if (dilation != 1) s.append(", dilation=").append(LayerArgs.tuple(dilation));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias == null) s.append(", bias=False");
        return s.toString();
    }
}

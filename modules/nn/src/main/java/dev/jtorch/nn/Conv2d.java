package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/**
 * 2-D convolution over [N, C, H, W] (or unbatched [C, H, W]) inputs, as PyTorch's {@code nn.Conv2d}:
 * weight [out, in/groups, kh, kw], bias [out]; padding as ints or "same"/"valid".
 */
public class Conv2d extends Module {
    public final int inChannels, outChannels, groups;
    public final int[] kernelSize, stride, padding, dilation;
    /** "same" or "valid" when padding was given as a string, else null. */
    public final String paddingMode;
    public final Tensor weight, bias;

    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, new int[]{kernelSize}, new int[]{1}, new int[]{0}, new int[]{1}, 1, true);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, new int[]{kernelSize}, new int[]{stride}, new int[]{padding}, new int[]{1}, 1, true);
    }

    /** Each of kernelSize, stride, padding, dilation: one value for both dims or {h, w}. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation, int groups,
                  boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, LayerArgs.expand(padding, 2, "padding"), null, dilation, groups, bias);
    }

    /** padding "same" (stride 1 only) or "valid". */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, String padding, int[] dilation, int groups,
                  boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, new int[]{0, 0}, checkPadding(padding, stride), dilation, groups, bias);
    }

    private Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, String paddingMode,
                   int[] dilation, int groups, boolean bias) {
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.kernelSize = LayerArgs.expand(kernelSize, 2, "kernel_size");
        this.stride = LayerArgs.expand(stride, 2, "stride");
        this.padding = padding;
        this.paddingMode = paddingMode;
        this.dilation = LayerArgs.expand(dilation, 2, "dilation");
        this.weight = registerParameter("weight", Torch.empty(outChannels, inChannels / groups, this.kernelSize[0], this.kernelSize[1]));
        this.bias = registerParameter("bias", bias ? Torch.empty(outChannels) : null);
        resetParameters();
    }

    static String checkPadding(String padding, int[] stride) {
        if (!padding.equals("same") && !padding.equals("valid")) {
            throw new IllegalArgumentException("Invalid padding string '" + padding + "', should be one of {'valid', 'same'}");
        }
        if (padding.equals("same")) {
            for (int s : stride) {
                if (s != 1) throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
            }
        }
        return padding;
    }

    /** PyTorch's default: kaiming_uniform(a=√5) weight, U(±1/√fan_in) bias. */
    public void resetParameters() { LayerArgs.resetConv(weight, bias); }

    @Override
    public Tensor forward(Tensor input) {
        return paddingMode != null
                ? F.conv2d(input, weight, bias, stride, paddingMode, dilation, groups)
                : F.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(LayerArgs.tuple(kernelSize)).append(", stride=").append(LayerArgs.tuple(stride));
        if (paddingMode != null) s.append(", padding=").append(paddingMode);
        else if (padding[0] != 0 || padding[1] != 0) s.append(", padding=").append(LayerArgs.tuple(padding));
        if (dilation[0] != 1 || dilation[1] != 1) s.append(", dilation=").append(LayerArgs.tuple(dilation));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias == null) s.append(", bias=False");
        return s.toString();
    }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/**
 * Transposed 2-D convolution, as PyTorch's {@code nn.ConvTranspose2d}: weight [in, out/groups, kh, kw],
 * bias [out]; output size (H-1)·stride - 2·padding + dilation·(k-1) + output_padding + 1.
 */
public class ConvTranspose2d extends Module {
    public final int inChannels, outChannels, groups;
    public final int[] kernelSize, stride, padding, outputPadding, dilation;
    public final Tensor weight, bias;

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, new int[]{kernelSize}, new int[]{1}, new int[]{0}, new int[]{0}, 1, true, new int[]{1});
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, new int[]{kernelSize}, new int[]{stride}, new int[]{padding}, new int[]{0}, 1, true,
                new int[]{1});
    }

    /** PyTorch's argument order: kernel_size, stride, padding, output_padding, groups, bias, dilation. */
    public ConvTranspose2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] outputPadding,
                           int groups, boolean bias, int[] dilation) {
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.kernelSize = LayerArgs.expand(kernelSize, 2, "kernel_size");
        this.stride = LayerArgs.expand(stride, 2, "stride");
        this.padding = LayerArgs.expand(padding, 2, "padding");
        this.outputPadding = LayerArgs.expand(outputPadding, 2, "output_padding");
        this.dilation = LayerArgs.expand(dilation, 2, "dilation");
        this.weight = registerParameter("weight", Torch.empty(inChannels, outChannels / groups, this.kernelSize[0], this.kernelSize[1]));
        this.bias = registerParameter("bias", bias ? Torch.empty(outChannels) : null);
        resetParameters();
    }

    /** PyTorch's default: kaiming_uniform(a=√5) weight, U(±1/√fan_in) bias (fan_in from weight.size(1)). */
    public void resetParameters() { LayerArgs.resetConv(weight, bias); }

    @Override
    public Tensor forward(Tensor input) {
        return F.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(LayerArgs.tuple(kernelSize)).append(", stride=").append(LayerArgs.tuple(stride));
        if (padding[0] != 0 || padding[1] != 0) s.append(", padding=").append(LayerArgs.tuple(padding));
        if (dilation[0] != 1 || dilation[1] != 1) s.append(", dilation=").append(LayerArgs.tuple(dilation));
        if (outputPadding[0] != 0 || outputPadding[1] != 0) s.append(", output_padding=").append(LayerArgs.tuple(outputPadding));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias == null) s.append(", bias=False");
        return s.toString();
    }
}

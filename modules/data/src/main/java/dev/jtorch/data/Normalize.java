package dev.jtorch.data;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.function.UnaryOperator;

/**
 * torchvision's {@code Normalize(mean, std, inplace)}: {@code (x - mean[c]) / std[c]} per channel, for images shaped
 * {@code [..., C, H, W]} (one mean and std for all channels when one value each is given). In place, it writes into
 * the image it is given and returns it (for a tensor the caller has just made and owns, as a batch converted from
 * bytes: one fewer image-sized allocation per batch).
 */
public final class Normalize implements UnaryOperator<Tensor> {
    /** Fashion-MNIST's training-set mean and standard deviation of the [0, 1] pixels. */
    public static final Normalize FASHION_MNIST = new Normalize(new double[]{0.2860}, new double[]{0.3530});
    /** MNIST's. */
    public static final Normalize MNIST = new Normalize(new double[]{0.1307}, new double[]{0.3081});

    private final double[] mean;
    private final double[] std;
    private final boolean inplace;

    public Normalize(double[] mean, double[] std) { this(mean, std, false); }

    public Normalize(double[] mean, double[] std, boolean inplace) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: mean and std need the same, non-zero number of channels, got "
                    + mean.length + " and " + std.length);
        }
        for (double s : std) if (s == 0) throw new IllegalArgumentException("std evaluated to zero after conversion to float32, leading to division by zero.");
        this.mean = mean.clone();
        this.std = std.clone();
        this.inplace = inplace;
    }

    public Normalize(double mean, double std) { this(new double[]{mean}, new double[]{std}); }

    /** The same normalisation, in place or not. */
    public Normalize inplace(boolean inplace) { return new Normalize(mean, std, inplace); }

    public boolean inplace() { return inplace; }

    @Override
    public Tensor apply(Tensor image) {
        if (image.dim() < 3) {
            throw new IllegalArgumentException("Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = " + image.shape());
        }
        if (!image.dtype().isFloatingPoint()) throw new IllegalArgumentException("Input tensor should be a float tensor. Got " + image.dtype() + ".");
        // on the image's device, as torchvision makes them (a CUDA batch cannot take [C,1,1] CPU operands)
        Tensor m = Torch.tensor(mean).to(image.dtype()).to(image.device()).view(-1, 1, 1);
        Tensor s = Torch.tensor(std).to(image.dtype()).to(image.device()).view(-1, 1, 1);
        // as torchvision: one copy (unless in place), then subtract and divide in place in it
        Tensor out = inplace ? image.sub_(m) : image.sub(m);
        return out.div_(s);
    }
}

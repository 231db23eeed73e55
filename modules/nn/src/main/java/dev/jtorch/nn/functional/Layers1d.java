package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.ValuesIndices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 1-d pooling (the 2-d pooling of a height-1 plane), adaptive max pooling, pixel (un)shuffle and channel dropout,
 * written in terms of the 2-d layers and views.
 */
final class Layers1d {
    private Layers1d() {}

    private static void check1d(String op, Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(op + "() Expected 2D or 3D input tensor, but got " + Convolutions.dims(input));
        }
    }

    static ValuesIndices maxPool1d(Tensor input, int kernel, int stride, int padding, int dilation, boolean ceil) {
        check1d("max_pool1d", input);
        ValuesIndices r = Pooling.maxPool2d(input.unsqueeze(-2), new int[]{1, kernel}, new int[]{1, stride}, new int[]{0, padding},
                new int[]{1, dilation}, ceil, true);
        return new ValuesIndices(r.values().squeeze(-2), r.indices().squeeze(-2));
    }

    static Tensor avgPool1d(Tensor input, int kernel, int stride, int padding, boolean ceil, boolean countIncludePad) {
        check1d("avg_pool1d", input);
        return Pooling.avgPool2d(input.unsqueeze(-2), new int[]{1, kernel}, new int[]{1, stride}, new int[]{0, padding}, ceil,
                countIncludePad, null).squeeze(-2);
    }

    static Tensor adaptiveAvgPool1d(Tensor input, long outputSize) {
        check1d("adaptive_avg_pool1d", input);
        return Pooling.adaptiveAvgPool2d(input.unsqueeze(-2), new long[]{1, outputSize}).squeeze(-2);
    }

    /**
     * Adaptive max pooling: window i of n over a size-S dim spans [⌊iS/n⌋, ⌈(i+1)S/n⌉), as PyTorch's. One amax per
     * output cell, so meant for the small outputs it is used for (a classifier's 1×1 or 7×7); NaN propagates, and a
     * tie shares the gradient where PyTorch gives it to one of the tied elements.
     */
    static Tensor adaptiveMaxPool2d(Tensor input, long[] outputSize) {
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("adaptive_max_pool2d(): Expected 3D or 4D tensor, but got " + Convolutions.dims(input));
        }
        if (outputSize.length != 2) throw new IllegalArgumentException("adaptive_max_pool2d: internal error: output_size.size() must be 2");
        long h = input.size(-2), w = input.size(-1);
        long oh = outputSize[0] < 0 ? h : outputSize[0], ow = outputSize[1] < 0 ? w : outputSize[1];
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, "
                    + "but input has sizes " + Convolutions.dims(input));
        }
        if (oh == 0 || ow == 0) {
            long[] shape = input.shape().toArray();
            shape[shape.length - 2] = oh;
            shape[shape.length - 1] = ow;
            return Torch.zeros(shape, input.dtype(), input.device());
        }
        List<Tensor> rows = new ArrayList<>();
        for (long i = 0; i < oh; i++) {
            long h0 = i * h / oh, h1 = ((i + 1) * h + oh - 1) / oh;
            List<Tensor> cells = new ArrayList<>();
            for (long j = 0; j < ow; j++) {
                long w0 = j * w / ow, w1 = ((j + 1) * w + ow - 1) / ow;
                cells.add(input.narrow(-2, h0, h1 - h0).narrow(-1, w0, w1 - w0).amax(new int[]{-2, -1}, false));
            }
            rows.add(Torch.stack(cells, -1));
        }
        return Torch.stack(rows, -2);
    }

    /** [*, C·r², H, W] → [*, C, H·r, W·r]. */
    static Tensor pixelShuffle(Tensor input, int r) {
        if (input.dim() < 3) {
            throw new IllegalArgumentException("pixel_shuffle expects input to have at least 3 dimensions, but got input with "
                    + input.dim() + " dimension(s)");
        }
        if (r <= 0) throw new IllegalArgumentException("pixel_shuffle expects a positive upscale_factor, but got " + r);
        long[] s = input.shape().toArray();
        int n = s.length;
        long c = s[n - 3], h = s[n - 2], w = s[n - 1];
        if (c % ((long) r * r) != 0) {
            throw new IllegalArgumentException("pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of "
                    + "upscale_factor, but input.size(-3)=" + c + " is not divisible by " + (long) r * r);
        }
        long[] batch = Arrays.copyOf(s, n - 3);
        Tensor x = input.reshape(concat(batch, c / ((long) r * r), r, r, h, w));
        int b = batch.length;
        return x.permute(perm(b, 0, 3, 1, 4, 2)).reshape(concat(batch, c / ((long) r * r), h * r, w * r));
    }

    /** [*, C, H·r, W·r] → [*, C·r², H, W]. */
    static Tensor pixelUnshuffle(Tensor input, int r) {
        if (input.dim() < 3) {
            throw new IllegalArgumentException("pixel_unshuffle expects input to have at least 3 dimensions, but got input with "
                    + input.dim() + " dimension(s)");
        }
        if (r <= 0) throw new IllegalArgumentException("pixel_unshuffle expects a positive downscale_factor, but got " + r);
        long[] s = input.shape().toArray();
        int n = s.length;
        long c = s[n - 3], h = s[n - 2], w = s[n - 1];
        if (h % r != 0) {
            throw new IllegalArgumentException("pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)="
                    + h + " is not divisible by " + r);
        }
        if (w % r != 0) {
            throw new IllegalArgumentException("pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)="
                    + w + " is not divisible by " + r);
        }
        long[] batch = Arrays.copyOf(s, n - 3);
        Tensor x = input.reshape(concat(batch, c, h / r, r, w / r, r));
        int b = batch.length;
        return x.permute(perm(b, 0, 2, 4, 1, 3)).reshape(concat(batch, c * r * r, h / r, w / r));
    }

    private static long[] concat(long[] head, long... tail) {
        long[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }

    /** The batch dims in place, then the five trailing dims in the given order. */
    private static int[] perm(int batch, int... last) {
        int[] p = new int[batch + last.length];
        for (int i = 0; i < batch; i++) p[i] = i;
        for (int i = 0; i < last.length; i++) p[batch + i] = batch + last[i];
        return p;
    }

    /**
     * Whole channels zeroed with probability p (the rest scaled by 1/(1 − p)); {@code spatialDims} is 1 for dropout1d
     * ([N, C, L] or [C, L]) and 2 for dropout2d ([N, C, H, W] or [C, H, W], a 3-d input being one unbatched sample as
     * in PyTorch 2; 1.13 warned and treated it as [N, C, L]).
     */
    static Tensor featureDropout(Tensor input, double p, boolean training, int spatialDims) {
        String name = "dropout" + spatialDims + "d";
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        int batched = spatialDims + 2;
        if (input.dim() != batched && input.dim() != batched - 1) {
            throw new IllegalArgumentException(name + ": Expected " + (batched - 1) + "D or " + batched + "D input, but received a "
                    + input.dim() + "D input. Note that " + name + " exists to provide channel-wise dropout on inputs with "
                    + spatialDims + " spatial dimension" + (spatialDims == 1 ? "" : "s") + ", a channel dimension, and an optional "
                    + "batch dimension (i.e. " + (batched - 1) + "D or " + batched + "D inputs).");
        }
        if (!training || p == 0) return input;
        long[] mask = input.shape().toArray();
        for (int i = mask.length - spatialDims; i < mask.length; i++) mask[i] = 1;
        Tensor noise;
        try (var ignored = dev.jtorch.GradMode.noGrad()) {
            noise = p == 1 ? Torch.zeros(mask, input.dtype(), input.device())
                    : Torch.zeros(mask, input.dtype(), input.device()).bernoulli_(1 - p).div_(1 - p);
        }
        return input.mul(noise);
    }
}

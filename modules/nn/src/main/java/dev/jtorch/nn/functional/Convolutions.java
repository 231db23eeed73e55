package dev.jtorch.nn.functional;

import dev.jtorch.Convolution;
import dev.jtorch.Tensor;

/** conv1d, conv2d (integer or 'same'/'valid' padding) and conv_transpose2d, on top of {@link Convolution}. */
final class Convolutions {
    private Convolutions() {}

    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        int[] s = pair(stride, "stride"), p = pair(padding, "padding"), d = pair(dilation, "dilation");
        return Convolution.conv2d(input, weight, bias, s, new int[]{p[0], p[1], p[0], p[1]}, d, groups);
    }

    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        int[] s = pair(stride, "stride"), d = pair(dilation, "dilation");
        int[] pad = switch (padding) {
            case "valid" -> new int[4];
            case "same" -> {
                for (int v : s) {
                    if (v != 1) throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
                }
                if (weight.dim() != 4) yield new int[4]; // Convolution reports the dimension mismatch
                yield samePadding(weight.size(2), weight.size(3), d);
            }
            default -> throw new IllegalArgumentException("Invalid padding string: '" + padding + "'");
        };
        return Convolution.conv2d(input, weight, bias, s, pad, d, groups);
    }

    /** 'same' padding: total d*(k-1) per dim, the odd element on the bottom/right (as PyTorch). */
    static int[] samePadding(long kh, long kw, int[] dilation) {
        int th = (int) (dilation[0] * (kh - 1)), tw = (int) (dilation[1] * (kw - 1));
        return new int[]{th / 2, tw / 2, th - th / 2, tw - tw / 2};
    }

    static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, Object padding, int dilation, int groups) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: "
                    + dims(input));
        }
        if (weight.dim() != 3) {
            throw new IllegalArgumentException("expected stride to be a single integer value or a list of " + (weight.dim() - 2)
                    + " values to match the convolution dimensions, but got stride=[" + stride + "]");
        }
        // before the channel check below divides by it (conv2d checks it again, with the same message)
        if (groups <= 0) throw new IllegalArgumentException("non-positive groups is not supported");
        boolean unbatched = input.dim() == 2;
        Tensor x = (unbatched ? input.unsqueeze(0) : input).unsqueeze(2);
        if (x.size(1) != weight.size(1) * groups && weight.size(0) % groups == 0) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + dims(weight) + ", expected input"
                    + dims(unbatched ? input.unsqueeze(0) : input) + " to have " + weight.size(1) * groups
                    + " channels, but got " + x.size(1) + " channels instead");
        }
        Tensor w = weight.unsqueeze(2);
        int[] s = {1, stride}, d = {1, dilation};
        Tensor out = padding instanceof String str
                ? conv2d(x, w, bias, s, str, d, groups)
                : conv2d(x, w, bias, s, new int[]{0, (Integer) padding}, d, groups);
        out = out.squeeze(2);
        return unbatched ? out.squeeze(0) : out;
    }

    static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                  int groups, int[] dilation) {
        return Convolution.convTranspose2d(input, weight, bias, pair(stride, "stride"), pair(padding, "padding"),
                pair(outputPadding, "output_padding"), pair(dilation, "dilation"), groups);
    }

    /** One value for both dims, or two. */
    static int[] pair(int[] v, String name) {
        if (v.length == 1) return new int[]{v[0], v[0]};
        if (v.length == 2) return v.clone();
        throw new IllegalArgumentException("expected " + name + " to be a single integer value or a list of 2 values, but got "
                + name + "=" + java.util.Arrays.toString(v));
    }

    static String dims(Tensor t) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < t.dim(); i++) b.append(i == 0 ? "" : ", ").append(t.size(i));
        return b.append(']').toString();
    }
}

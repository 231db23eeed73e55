package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;

import java.util.Arrays;

/** pixel_shuffle and pixel_unshuffle: channels to and from spatial blocks, as reshapes and one permute. */
final class Shuffles {
    private Shuffles() {}

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
}

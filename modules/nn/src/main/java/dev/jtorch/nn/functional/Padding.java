package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.List;

/** {@code F.pad}: constant (negative pads crop), reflect, replicate and circular, from the last dimension backwards. */
final class Padding {
    private Padding() {}

    static Tensor pad(Tensor input, long[] pad, String mode, double value) {
        if (pad.length % 2 != 0) throw new IllegalArgumentException("Padding length must be divisible by 2");
        if (pad.length / 2 > input.dim()) throw new IllegalArgumentException("Padding length too large");
        Tensor x = input;
        for (int k = 0; k < pad.length / 2; k++) {
            int dim = input.dim() - 1 - k;
            long left = pad[2 * k], right = pad[2 * k + 1];
            if (left == 0 && right == 0) continue;
            x = switch (mode) {
                case "constant" -> constant(x, dim, left, right, value);
                case "reflect", "replicate", "circular" -> gathered(x, dim, left, right, mode);
                default -> throw new IllegalArgumentException("Unrecognised padding mode " + mode);
            };
        }
        return x;
    }

    private static Tensor constant(Tensor x, int dim, long left, long right, double value) {
        long size = x.size(dim);
        if (size + left + right < 0) {
            throw new IllegalArgumentException("The input size " + size + ", plus negative padding " + left + " and " + right
                    + " resulted in a negative output size, which is invalid. Check dimension " + dim + " of your input.");
        }
        long start = Math.max(0, -left), end = size - Math.max(0, -right);
        Tensor body = x.narrow(dim, start, Math.max(0, end - start));
        long[] shape = x.shape().toArray();
        Tensor before = null, after = null;
        if (left > 0) { shape[dim] = left; before = Torch.full(shape.clone(), value, x.dtype()); }
        if (right > 0) { shape[dim] = right; after = Torch.full(shape.clone(), value, x.dtype()); }
        if (before == null && after == null) return body;
        java.util.ArrayList<Tensor> parts = new java.util.ArrayList<>(3);
        if (before != null) parts.add(before);
        parts.add(body);
        if (after != null) parts.add(after);
        return Torch.cat(List.copyOf(parts), dim);
    }

    private static Tensor gathered(Tensor x, int dim, long left, long right, String mode) {
        long size = x.size(dim);
        if (mode.equals("reflect") && (left >= size || right >= size)) {
            throw new IllegalArgumentException("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding ("
                    + left + ", " + right + ") at dimension " + dim + " of input " + x.shape());
        }
        if (mode.equals("circular") && (left > size || right > size)) {
            throw new IllegalArgumentException("Padding value causes wrapping around more than once.");
        }
        long n = size + left + right;
        if (n < 0) throw new IllegalArgumentException("negative output size along dimension " + dim);
        long[] idx = new long[Math.toIntExact(n)];
        for (int j = 0; j < idx.length; j++) {
            long i = j - left;
            idx[j] = switch (mode) {
                case "reflect" -> i < 0 ? -i : (i >= size ? 2 * (size - 1) - i : i);
                case "replicate" -> Math.min(Math.max(i, 0), size - 1);
                default -> Math.floorMod(i, size);
            };
        }
        return x.indexSelect(dim, Torch.tensor(idx));
    }
}

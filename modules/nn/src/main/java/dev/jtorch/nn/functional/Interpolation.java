package dev.jtorch.nn.functional;

import dev.jtorch.Autocast;
import dev.jtorch.AutocastOp;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.function.DoubleUnaryOperator;

/**
 * {@code F.interpolate} for 'nearest' (1-3 spatial dims) and 'linear'/'bilinear' (align_corners or not), with
 * PyTorch's index arithmetic (nearest's source indices in float32; linear's weights in the input's precision).
 */
final class Interpolation {
    private Interpolation() {}

    static Tensor interpolate(Tensor input, long[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.INTERPOLATE,
                t -> interpolate(t[0], size, scaleFactor, mode, alignCorners), input) instanceof Tensor r) return r;
        int spatial = input.dim() - 2;
        if (spatial < 1 || spatial > 3) {
            throw new IllegalArgumentException("Input Error: Only 3D, 4D and 5D input Tensors supported (got " + input.dim() + "D)");
        }
        if ((size == null) == (scaleFactor == null)) throw new IllegalArgumentException("either size or scale_factor should be defined");
        if (mode.equals("nearest") && alignCorners != null) {
            throw new IllegalArgumentException("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
        }
        long[] out = new long[spatial];
        double[] scales = new double[spatial];
        for (int i = 0; i < spatial; i++) {
            long in = input.size(2 + i);
            if (size != null) {
                if (size.length != 1 && size.length != spatial) throw lengthError("size", size.length, spatial);
                out[i] = size.length == 1 ? size[0] : size[i];
                scales[i] = Double.NaN;
            } else {
                if (scaleFactor.length != 1 && scaleFactor.length != spatial) throw lengthError("scale_factor", scaleFactor.length, spatial);
                double s = scaleFactor.length == 1 ? scaleFactor[0] : scaleFactor[i];
                out[i] = (long) Math.floor(in * s);
                scales[i] = s;
            }
            if (out[i] <= 0) throw new IllegalArgumentException("Input and output sizes should be greater than 0, but got input (" + in + ") and output (" + out[i] + ")");
        }
        Tensor x = input;
        switch (mode) {
            case "nearest" -> {
                for (int i = 0; i < spatial; i++) x = x.indexSelect(2 + i, nearestIndex(input.size(2 + i), out[i], scales[i]));
            }
            case "linear", "bilinear", "trilinear" -> {
                int expected = mode.equals("linear") ? 1 : mode.equals("bilinear") ? 2 : 3;
                if (expected != spatial) {
                    throw new IllegalArgumentException("Got " + input.dim() + "D input, but " + mode + " mode needs " + (expected + 2) + "D input");
                }
                boolean ac = alignCorners != null && alignCorners;
                // Last dimension first, as PyTorch's kernels blend along W before H.
                for (int i = spatial - 1; i >= 0; i--) x = linear(x, 2 + i, out[i], scales[i], ac);
            }
            default -> throw new IllegalArgumentException("interpolate: mode '" + mode + "' is not supported (nearest, linear, bilinear, trilinear)");
        }
        return x;
    }

    private static IllegalArgumentException lengthError(String what, int got, int spatial) {
        return new IllegalArgumentException("Input and " + what + " must have the same number of spatial dimensions, but got input with spatial dimensions of "
                + spatial + " and output " + what + " of " + got + ".");
    }

    /** PyTorch's {@code nearest_idx}: floor(dst · scale) in float32, clamped. */
    private static Tensor nearestIndex(long in, long out, double scale) {
        long[] idx = new long[Math.toIntExact(out)];
        float s = Double.isNaN(scale) ? (float) in / (float) out : (float) (1.0 / scale);
        for (int j = 0; j < idx.length; j++) {
            if (out == in) idx[j] = j;
            else if (out == 2 * in) idx[j] = j >> 1;
            else idx[j] = Math.min((long) (float) Math.floor(j * s), in - 1);
        }
        return Torch.tensor(idx);
    }

    /**
     * Linear blend along {@code dim}: weights λ0, λ1 from PyTorch's source-index formula, in the input's precision as
     * its kernel computes them (double for float64, float32 otherwise; each step rounded to float there, which doing
     * it in double and rounding gives exactly).
     */
    private static Tensor linear(Tensor x, int dim, long out, double scale, boolean alignCorners) {
        long in = x.size(dim);
        int n = Math.toIntExact(out);
        DoubleUnaryOperator r = x.dtype() == DType.FLOAT64 ? v -> v : v -> (float) v;
        long[] i0 = new long[n], i1 = new long[n];
        double[] l0 = new double[n], l1 = new double[n];
        double s;
        if (alignCorners) s = out > 1 ? r.applyAsDouble(r.applyAsDouble(in - 1) / r.applyAsDouble(out - 1)) : 0;
        else s = Double.isNaN(scale) ? r.applyAsDouble(r.applyAsDouble(in) / r.applyAsDouble(out)) : r.applyAsDouble(1.0 / scale);
        for (int j = 0; j < n; j++) {
            double src = alignCorners ? r.applyAsDouble(s * j)
                    : Math.max(r.applyAsDouble(r.applyAsDouble(s * r.applyAsDouble(j + 0.5)) - 0.5), 0);
            long lo = Math.min((long) Math.floor(src), in - 1);
            long hi = lo < in - 1 ? lo + 1 : lo;
            double lambda1 = Math.min(Math.max(r.applyAsDouble(src - lo), 0), 1);
            i0[j] = lo;
            i1[j] = hi;
            l1[j] = lambda1;
            l0[j] = r.applyAsDouble(1 - lambda1);
        }
        long[] wShape = new long[x.dim()];
        java.util.Arrays.fill(wShape, 1);
        wShape[dim] = n;
        Tensor w0 = Torch.from(l0, n).to(x.dtype()).view(wShape);
        Tensor w1 = Torch.from(l1, n).to(x.dtype()).view(wShape);
        return x.indexSelect(dim, Torch.tensor(i0)).mul(w0).add(x.indexSelect(dim, Torch.tensor(i1)).mul(w1));
    }
}

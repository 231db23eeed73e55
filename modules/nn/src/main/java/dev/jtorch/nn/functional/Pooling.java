package dev.jtorch.nn.functional;

import java.util.List;
import java.util.ArrayList;
import dev.jtorch.Autocast;
import dev.jtorch.AutocastOp;
import dev.jtorch.Convolution;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.ValuesIndices;
import dev.jtorch.ops.Window2d;

/**
 * max, average and adaptive-average 2-D pooling. Max pooling is a primitive with indices (its
 * backward scatters into the winners); average pooling sums the im2col patches of a [N*C, 1, H, W]
 * view (one row per tap), so its backward is col2im.
 */
final class Pooling {
    private Pooling() {}

    /** Output length of one pooled dim, as PyTorch's pooling_output_shape. */
    static long outputSize(long in, int k, int s, int p, int d, boolean ceil) {
        long num = in + 2L * p - (long) d * (k - 1) - 1 + (ceil ? s - 1 : 0);
        long out = Math.floorDiv(num, s) + 1;
        if (ceil && (out - 1) * s >= in + p) out--;
        return out;
    }

    private record Plan(Tensor x4, boolean unbatched, long n, long c, long h, long w, long oh, long ow) {}

    private static Plan plan(Tensor input, int[] k, int[] s, int[] p, int[] d, boolean ceil) {
        if ((input.dim() != 3 && input.dim() != 4) || input.numel() == 0) {
            throw new IllegalArgumentException("non-empty 3D or 4D (batch mode) tensor expected for input");
        }
        for (int i = 0; i < 2; i++) {
            if (k[i] <= 0) throw new IllegalArgumentException("kernel size should be greater than zero, but got kH: " + k[0] + " kW: " + k[1]);
            if (s[i] <= 0) throw new IllegalArgumentException("stride should be greater than zero, but got dH: " + s[0] + " dW: " + s[1]);
            if (d[i] <= 0) throw new IllegalArgumentException("dilation should be greater than zero, but got dilationH: " + d[0] + " dilationW: " + d[1]);
            if (p[i] < 0 || p[i] > k[i] / 2) {
                throw new IllegalArgumentException("pad should be at most half of kernel size, but got pad=" + p[i] + " and kernel_size=" + k[i]);
            }
        }
        boolean unbatched = input.dim() == 3;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        long oh = outputSize(h, k[0], s[0], p[0], d[0], ceil), ow = outputSize(w, k[1], s[1], p[1], d[1], ceil);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("Given input size: (" + c + "x" + h + "x" + w + "). Calculated output size: (" + c + "x"
                    + oh + "x" + ow + "). Output size is too small");
        }
        return new Plan(x, unbatched, n, c, h, w, oh, ow);
    }

    static ValuesIndices maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil,
                                   boolean withIndices) {
        int[] k = Convolutions.pair(kernel, "kernel_size");
        int[] s = stride == null || stride.length == 0 ? k.clone() : Convolutions.pair(stride, "stride");
        int[] p = Convolutions.pair(padding, "padding"), d = Convolutions.pair(dilation, "dilation");
        Plan pl = plan(input, k, s, p, d, ceil);
        Window2d win = new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], (int) pl.oh, (int) pl.ow);
        ValuesIndices m = Convolution.maxPool2d(pl.x4.reshape(pl.n * pl.c, pl.h, pl.w), win);
        long[] outShape = pl.unbatched ? new long[]{pl.c, pl.oh, pl.ow} : new long[]{pl.n, pl.c, pl.oh, pl.ow};
        return new ValuesIndices(m.values().view(outShape), withIndices ? m.indices().view(outShape) : null);
    }

    static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceil, boolean countIncludePad,
                            Integer divisorOverride) {
        int[] k = Convolutions.pair(kernel, "kernel_size");
        int[] s = stride == null || stride.length == 0 ? k.clone() : Convolutions.pair(stride, "stride");
        int[] p = Convolutions.pair(padding, "padding"), d = {1, 1};
        if (divisorOverride != null && divisorOverride == 0) throw new IllegalArgumentException("divisor must be not zero");
        Plan pl = plan(input, k, s, p, d, ceil);
        Tensor x = pl.x4.reshape(pl.n * pl.c, 1, pl.h, pl.w);
        Window2d win = new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], 1, 1, (int) pl.oh, (int) pl.ow);
        Tensor sums = Convolution.im2col(x, win).sum(0).view(pl.n * pl.c, pl.oh, pl.ow);
        Tensor divisor;
        if (divisorOverride != null) {
            divisor = Torch.scalar((double) divisorOverride);
        } else {
            double[] div = new double[(int) (pl.oh * pl.ow)];
            for (int i = 0; i < pl.oh; i++) {
                for (int j = 0; j < pl.ow; j++) {
                    long hs = (long) i * s[0] - p[0], ws = (long) j * s[1] - p[1];
                    long he = Math.min(hs + k[0], pl.h + p[0]), we = Math.min(ws + k[1], pl.w + p[1]);
                    long poolSize = (he - hs) * (we - ws);
                    hs = Math.max(hs, 0);
                    ws = Math.max(ws, 0);
                    he = Math.min(he, pl.h);
                    we = Math.min(we, pl.w);
                    div[(int) (i * pl.ow + j)] = countIncludePad ? poolSize : (he - hs) * (we - ws);
                }
            }
            divisor = Torch.from(div, pl.oh, pl.ow).to(input.dtype());
        }
        Tensor out = sums.div(divisor);
        return out.view(pl.unbatched ? new long[]{pl.c, pl.oh, pl.ow} : new long[]{pl.n, pl.c, pl.oh, pl.ow});
    }

    /** Adaptive average pooling as two averaging matrices: out = A_h · x · A_wᵀ, window i spanning [⌊iH/O⌋, ⌈(i+1)H/O⌉). */
    static Tensor adaptiveAvgPool2d(Tensor input, long[] outputSize) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.ADAPTIVE_AVG_POOL2D,
                t -> adaptiveAvgPool2d(t[0], outputSize), input) instanceof Tensor r) return r;
        if ((input.dim() != 3 && input.dim() != 4)) {
            throw new IllegalArgumentException("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got " + Convolutions.dims(input));
        }
        for (int i = 1; i < input.dim(); i++) {
            if (input.size(i) == 0) {
                throw new IllegalArgumentException("adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch "
                        + "dimensions, but input has sizes " + Convolutions.dims(input) + " with dimension " + i + " being empty");
            }
        }
        if (outputSize.length != 2) throw new IllegalArgumentException("adaptive_avg_pool2d: output_size must be 2");
        long h = input.size(input.dim() - 2), w = input.size(input.dim() - 1);
        long oh = outputSize[0] < 0 ? h : outputSize[0], ow = outputSize[1] < 0 ? w : outputSize[1];
        if (oh > 0 && ow > 0 && h % oh == 0 && w % ow == 0) { // an output size of 0 gives an empty result, as in PyTorch
            int[] k = {(int) (h / oh), (int) (w / ow)};
            return avgPool2d(input, k, k, new int[]{0, 0}, false, true, null);
        }
        Tensor ah = averaging(oh, h, input.dtype()), aw = averaging(ow, w, input.dtype());
        return ah.matmul(input).matmul(aw.mT());
    }

    private static Tensor averaging(long out, long in, DType dtype) {
        if (out > (Integer.MAX_VALUE - 16) / in) {
            throw new IllegalArgumentException("adaptive_avg_pool2d: an output size of " + out + " from an input size of " + in
                    + " is too large (its averaging matrix has more than 2^31 elements)");
        }
        double[] a = new double[(int) (out * in)];
        for (long i = 0; i < out; i++) {
            long start = Math.floorDiv(i * in, out), end = -Math.floorDiv(-(i + 1) * in, out);
            for (long j = start; j < end; j++) a[(int) (i * in + j)] = 1.0 / (end - start);
        }
        return Torch.from(a, out, in).to(dtype);
    }

    // ---- 1-d pooling (the 2-d pooling of height-1 planes) and adaptive max pooling

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
}

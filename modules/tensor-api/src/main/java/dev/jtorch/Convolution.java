package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.ops.Window2d;

import java.util.Arrays;

/**
 * 2-D convolutions as PyTorch's {@code conv2d} / {@code conv_transpose2d}. Two primitives move data
 * ({@link Op.Im2Col} and its adjoint {@link Op.Col2Im}); the products are GEMMs ({@link Op.MatMul}),
 * so autograd differentiates a convolution without formulas of its own, to any order.
 * Padding is given per side: {top, left, bottom, right}.
 */
public final class Convolution {
    private Convolution() {}

    // =====================================================================================
    // primitives
    // =====================================================================================

    /** Patches of {@code input} [N,C,H,W] as columns [C*kh*kw, N*outH*outW]; zero where the window leaves the input. */
    public static Tensor im2col(Tensor input, Window2d window) {
        if (input.dim() != 4) throw new IllegalArgumentException("im2col: expected a 4-D input, got " + dims(input.shape));
        DType compute = floatCompute(input.dtype, "im2col");
        Tensor x = input.dtype == compute && input.isContiguous() ? input : Elementwise.castRaw(input, compute);
        long n = x.shape[0], c = x.shape[1];
        Tensor out = Tensor.allocateForWrite(new long[]{c * window.taps(), n * window.outH() * window.outW()}, compute, x.device());
        Elementwise.backend(x).im2col(x.strided(), window, out.strided());
        if (out.dtype != input.dtype) out = Elementwise.castRaw(out, input.dtype);
        Autograd.record(new Op.Im2Col(window, c, x.shape[2], x.shape[3]), new Tensor[]{input}, out);
        return out;
    }

    /** Adjoint of {@link #im2col}: sums columns [C*kh*kw, N*outH*outW] into an image [N,C,height,width]. */
    public static Tensor col2im(Tensor cols, Window2d window, long channels, long height, long width) {
        long l = (long) window.outH() * window.outW();
        if (cols.dim() != 2 || cols.shape[0] != channels * window.taps() || (l == 0 ? cols.shape[1] != 0 : cols.shape[1] % l != 0)) {
            throw new IllegalArgumentException("col2im: expected columns of size [" + channels * window.taps() + ", N*" + l
                    + "], got " + cols.size());
        }
        DType compute = floatCompute(cols.dtype, "col2im");
        Tensor c = cols.dtype == compute && cols.isContiguous() ? cols : Elementwise.castRaw(cols, compute);
        long n = l == 0 ? 0 : cols.shape[1] / l;
        Tensor out = Tensor.allocateForWrite(new long[]{n, channels, height, width}, compute, c.device());
        Elementwise.backend(c).col2im(c.strided(), window, out.strided());
        if (out.dtype != cols.dtype) out = Elementwise.castRaw(out, cols.dtype);
        Autograd.record(new Op.Col2Im(window, channels, height, width), new Tensor[]{cols}, out);
        return out;
    }

    /** Max pooling of planes [P,H,W]: values [P,outH,outW] and the winners' flat indices ih*W+iw (INT64). */
    public static ValuesIndices maxPool2d(Tensor planes, Window2d window) {
        if (planes.dim() != 3) throw new IllegalArgumentException("max_pool2d: expected planes [P,H,W], got " + dims(planes.shape));
        DType compute = floatCompute(planes.dtype, "max_pool2d");
        Tensor x = planes.dtype == compute && planes.isContiguous() ? planes : Elementwise.castRaw(planes, compute);
        long[] shape = {x.shape[0], window.outH(), window.outW()};
        Tensor values = Tensor.allocateForWrite(shape, compute, x.device());
        Tensor indices = Tensor.allocateForWrite(shape, DType.INT64, x.device());
        Elementwise.backend(x).maxPool2d(x.strided(), window, values.strided(), indices.strided());
        if (values.dtype != planes.dtype) values = Elementwise.castRaw(values, planes.dtype);
        Autograd.record(new Op.MaxPool2d(window), new Tensor[]{planes}, values, indices);
        return new ValuesIndices(values, indices);
    }

    /**
     * Max pooling's backward: {@code grad} [P,outH,outW] added at the winners' flat {@code indices} (INT64, as
     * {@link #maxPool2d} returns them) of planes [P,height,width], zero elsewhere. One pass per plane instead of
     * zeros and a scatter-add.
     */
    public static Tensor maxPool2dBackward(Tensor grad, Tensor indices, Window2d window, long height, long width) {
        if (grad.dim() != 3 || !Arrays.equals(grad.shape, indices.shape) || grad.shape[1] != window.outH() || grad.shape[2] != window.outW()) {
            throw new IllegalArgumentException("max_pool2d backward: expected grad and indices of size [P, " + window.outH() + ", "
                    + window.outW() + "], got grad " + dims(grad.shape) + " and indices " + dims(indices.shape));
        }
        if (indices.dtype != DType.INT64) {
            throw new IllegalArgumentException("max_pool2d backward: expected indices of dtype int64, got " + indices.dtype.pyName());
        }
        DType compute = floatCompute(grad.dtype, "max_pool2d_with_indices_backward");
        Tensor g = grad.dtype == compute && grad.isContiguous() ? grad : Elementwise.castRaw(grad, compute);
        Tensor idx = indices.isContiguous() ? indices : Elementwise.castRaw(indices, DType.INT64);
        Tensor out = Tensor.allocateForWrite(new long[]{grad.shape[0], height, width}, compute, g.device());
        if (out.numel() > 0) Elementwise.backend(g, idx).maxPool2dBackward(g.strided(), idx.strided(), out.strided());
        if (out.dtype != grad.dtype) out = Elementwise.castRaw(out, grad.dtype);
        Autograd.record(new Op.MaxPool2dBackward(window, height, width), new Tensor[]{grad, indices}, out);
        return out;
    }

    /**
     * A 3x3, stride-1, undilated, ungrouped convolution as one primitive: {@code input} [N,C,H,W] with {@code weight}
     * [O,C,3,3] plus {@code bias} [O] (or null) into [N,O,outH,outW], zero outside the input ({@code window}: kernel
     * 3x3, stride 1, dilation 1, the padding before the first row and column, and the output size). The CPU backend
     * computes float32 by Winograd's F(2x2, 3x3). {@link #conv2d} routes its qualifying CPU float32 calls here.
     */
    public static Tensor conv3x3(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        checkConv3x3Window(window);
        if (input.dim() != 4 || weight.dim() != 4 || weight.shape[1] != input.shape[1] || weight.shape[2] != 3 || weight.shape[3] != 3
                || (bias != null && (bias.dim() != 1 || bias.shape[0] != weight.shape[0]))) {
            throw new IllegalArgumentException("conv3x3: expected input [N,C,H,W], weight [O,C,3,3] and bias [O], got input "
                    + dims(input.shape) + ", weight " + dims(weight.shape) + (bias == null ? "" : " and bias " + dims(bias.shape)));
        }
        DType dtype = input.dtype;
        if (input.dtype != weight.dtype || (bias != null && bias.dtype != input.dtype)) {
            throw new IllegalArgumentException("conv3x3: expected input, weight and bias of one dtype, got " + input.dtype.pyName() + ", "
                    + weight.dtype.pyName() + (bias == null ? "" : " and " + bias.dtype.pyName()));
        }
        DType compute = floatCompute(dtype, "conv3x3");
        Tensor x = computeCopy(input, compute), w = computeCopy(weight, compute), b = bias == null ? null : computeCopy(bias, compute);
        Tensor out = Tensor.allocateForWrite(new long[]{x.shape[0], w.shape[0], window.outH(), window.outW()}, compute, x.device());
        if (out.numel() > 0) {
            (b == null ? Elementwise.backend(x, w) : Elementwise.backend(x, w, b)).conv3x3(x.strided(), w.strided(), b == null ? null : b.strided(),
                    window, out.strided());
        }
        if (out.dtype != dtype) out = Elementwise.castRaw(out, dtype);
        Autograd.record(new Op.Conv3x3(window), bias == null ? new Tensor[]{input, weight} : new Tensor[]{input, weight, bias}, out);
        return out;
    }

    /**
     * Both gradients of {@link #conv3x3}, {@code {conv3x3InputGrad(grad, weight, ...), conv3x3WeightGrad(input, grad,
     * window)}}, the same values and autograd records as the two calls; a backend with a fused form (the CPU's
     * Winograd route) transforms the output gradient once for both.
     */
    public static Tensor[] conv3x3Backward(Tensor input, Tensor grad, Tensor weight, Window2d window, long height, long width) {
        checkInputGrad(grad, weight, window, height, width);
        checkWeightGrad(input, grad, window);
        DType compute = floatCompute(grad.dtype, "conv3x3 input gradient");
        Tensor g = computeCopy(grad, compute), w = computeCopy(weight, compute), x = computeCopy(input, compute);
        Tensor gx = Tensor.allocateForWrite(new long[]{grad.shape[0], weight.shape[1], height, width}, compute, g.device());
        Tensor gw = Tensor.allocateForWrite(new long[]{grad.shape[1], input.shape[1], 3, 3}, compute, g.device());
        dev.jtorch.spi.Backend backend = Elementwise.backend(x, g, w);
        if (gx.numel() == 0 || gw.numel() == 0
                || !backend.conv3x3Backward(x.strided(), g.strided(), w.strided(), window, gx.strided(), gw.strided())) {
            if (gx.numel() > 0) backend.conv3x3InputGrad(g.strided(), w.strided(), window, gx.strided());
            if (gw.numel() > 0) backend.conv3x3WeightGrad(x.strided(), g.strided(), window, gw.strided());
        }
        if (gx.dtype != grad.dtype) gx = Elementwise.castRaw(gx, grad.dtype);
        if (gw.dtype != input.dtype) gw = Elementwise.castRaw(gw, input.dtype);
        Autograd.record(new Op.Conv3x3InputGrad(window, height, width), new Tensor[]{grad, weight}, gx);
        Autograd.record(new Op.Conv3x3WeightGrad(window), new Tensor[]{input, grad}, gw);
        return new Tensor[]{gx, gw};
    }

    /**
     * The input gradient of {@link #conv3x3}: the output gradient {@code grad} [N,O,outH,outW] and {@code weight}
     * [O,C,3,3] into [N,C,height,width].
     */
    public static Tensor conv3x3InputGrad(Tensor grad, Tensor weight, Window2d window, long height, long width) {
        checkInputGrad(grad, weight, window, height, width);
        DType compute = floatCompute(grad.dtype, "conv3x3 input gradient");
        Tensor g = computeCopy(grad, compute), w = computeCopy(weight, compute);
        Tensor out = Tensor.allocateForWrite(new long[]{grad.shape[0], weight.shape[1], height, width}, compute, g.device());
        if (out.numel() > 0) Elementwise.backend(g, w).conv3x3InputGrad(g.strided(), w.strided(), window, out.strided());
        if (out.dtype != grad.dtype) out = Elementwise.castRaw(out, grad.dtype);
        Autograd.record(new Op.Conv3x3InputGrad(window, height, width), new Tensor[]{grad, weight}, out);
        return out;
    }

    /** The weight gradient of {@link #conv3x3}: {@code input} [N,C,H,W] and the output gradient {@code grad} [N,O,outH,outW] into [O,C,3,3]. */
    public static Tensor conv3x3WeightGrad(Tensor input, Tensor grad, Window2d window) {
        checkWeightGrad(input, grad, window);
        DType compute = floatCompute(input.dtype, "conv3x3 weight gradient");
        // grad as it is where it has the compute dtype: the backend reads any strides (see Backend.conv3x3WeightGrad)
        Tensor x = computeCopy(input, compute), g = grad.dtype == compute ? grad : Elementwise.castRaw(grad, compute);
        Tensor out = Tensor.allocateForWrite(new long[]{grad.shape[1], input.shape[1], 3, 3}, compute, x.device());
        if (out.numel() > 0) Elementwise.backend(x, g).conv3x3WeightGrad(x.strided(), g.strided(), window, out.strided());
        if (out.dtype != input.dtype) out = Elementwise.castRaw(out, input.dtype);
        Autograd.record(new Op.Conv3x3WeightGrad(window), new Tensor[]{input, grad}, out);
        return out;
    }

    private static void checkInputGrad(Tensor grad, Tensor weight, Window2d window, long height, long width) {
        checkConv3x3Window(window);
        if (grad.dim() != 4 || weight.dim() != 4 || weight.shape[0] != grad.shape[1] || weight.shape[2] != 3 || weight.shape[3] != 3
                || grad.shape[2] != window.outH() || grad.shape[3] != window.outW() || height < 1 || width < 1) {
            throw new IllegalArgumentException("conv3x3 input gradient: expected grad [N,O," + window.outH() + "," + window.outW()
                    + "] and weight [O,C,3,3] for an input of " + height + " x " + width + ", got grad " + dims(grad.shape)
                    + " and weight " + dims(weight.shape));
        }
        if (grad.dtype != weight.dtype) {
            throw new IllegalArgumentException("conv3x3 input gradient: expected grad and weight of one dtype, got "
                    + grad.dtype.pyName() + " and " + weight.dtype.pyName());
        }
    }

    private static void checkWeightGrad(Tensor input, Tensor grad, Window2d window) {
        checkConv3x3Window(window);
        if (input.dim() != 4 || grad.dim() != 4 || grad.shape[0] != input.shape[0] || grad.shape[2] != window.outH()
                || grad.shape[3] != window.outW()) {
            throw new IllegalArgumentException("conv3x3 weight gradient: expected input [N,C,H,W] and grad [N,O," + window.outH() + ","
                    + window.outW() + "], got input " + dims(input.shape) + " and grad " + dims(grad.shape));
        }
        if (input.dtype != grad.dtype) {
            throw new IllegalArgumentException("conv3x3 weight gradient: expected input and grad of one dtype, got "
                    + input.dtype.pyName() + " and " + grad.dtype.pyName());
        }
    }

    private static void checkConv3x3Window(Window2d window) {
        if (window.kernelH() != 3 || window.kernelW() != 3 || window.strideH() != 1 || window.strideW() != 1
                || window.dilationH() != 1 || window.dilationW() != 1 || window.padH() < 0 || window.padW() < 0
                || window.outH() < 1 || window.outW() < 1) {
            throw new IllegalArgumentException("conv3x3: expected a 3x3 window with stride 1, dilation 1, padding >= 0 and an output"
                    + " of at least 1 x 1, got " + window);
        }
    }

    /** The operand as a contiguous tensor of the compute dtype (itself when it already is one). */
    private static Tensor computeCopy(Tensor t, DType compute) {
        return t.dtype == compute && t.isContiguous() ? t : Elementwise.castRaw(t, compute);
    }

    private static DType floatCompute(DType dtype, String what) {
        if (!dtype.isFloatingPoint()) {
            throw Elementwise.notImplemented(what, dtype);
        }
        return dtype.computeType();
    }

    // =====================================================================================
    // convolutions
    // =====================================================================================

    /**
     * {@code conv2d} with per-side padding {top, left, bottom, right}; input [N,C,H,W] or unbatched
     * [C,H,W], weight [O, C/groups, kh, kw], bias [O] or null.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.CONV2D,
                t -> conv2d(t[0], t[1], t[2], stride, padding, dilation, groups),
                input, weight, bias) instanceof Tensor r) return r;
        checkArgs(stride, padding, dilation, groups);
        if (weight.dim() != 4) {
            throw new IllegalArgumentException("expected stride to be a single integer value or a list of " + (weight.dim() - 2)
                    + " values to match the convolution dimensions, but got stride=" + Arrays.toString(stride));
        }
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: "
                    + dims(input.shape));
        }
        boolean unbatched = input.dim() == 3;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long o = weight.shape[0], kh = weight.shape[2], kw = weight.shape[3];
        checkWeight(x, weight, bias, groups, false, o);
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        long ph = h + padding[0] + padding[2], pw = w + padding[1] + padding[3];
        long ekh = (long) dilation[0] * (kh - 1) + 1, ekw = (long) dilation[1] * (kw - 1) + 1;
        if (ph < ekh || pw < ekw) {
            throw new IllegalArgumentException("Calculated padded input size per channel: (" + ph + " x " + pw + "). Kernel size: ("
                    + ekh + " x " + ekw + "). Kernel size can't be greater than actual input size");
        }
        int oh = (int) ((ph - ekh) / stride[0] + 1), ow = (int) ((pw - ekw) / stride[1] + 1);
        Window2d win = new Window2d((int) kh, (int) kw, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], oh, ow);
        if (byConv3x3(x, weight, bias, win, groups)) {
            Tensor out = conv3x3(x, weight, bias, win);
            return unbatched ? out.squeeze(0) : out;
        }
        long colsPerImage = c * kh * kw * oh * ow;
        Tensor out = n > 1 && colsPerImage * n > CHUNK_COLUMN_ELEMENTS && !Autograd.needsRecord(x, weight, bias)
                ? conv2dInChunks(x, weight, bias, win, groups, Math.max(1, CHUNK_COLUMN_ELEMENTS / colsPerImage))
                : conv2dOnce(x, weight, bias, win, groups);
        return unbatched ? out.squeeze(0) : out;
    }

    /**
     * Without a graph to keep the columns for, a big batch (an evaluation pass over a test set, say) is
     * convolved a few images at a time, so the columns never take more than this many elements (16 MiB
     * of float32) instead of growing with the batch: PyTorch's slow CPU path also forms them per image.
     */
    private static final long CHUNK_COLUMN_ELEMENTS = 4L << 20;

    private static Tensor conv2dInChunks(Tensor x, Tensor weight, Tensor bias, Window2d win, int groups, long imagesPerChunk) {
        long n = x.shape[0];
        Tensor out = null;
        for (long start = 0; start < n; start += imagesPerChunk) {
            long len = Math.min(imagesPerChunk, n - start);
            Tensor part = conv2dOnce(x.narrow(0, start, len), weight, bias, win, groups);
            if (out == null) {
                long[] shape = part.shape.clone();
                shape[0] = n;
                out = Tensor.allocate(shape, part.dtype, part.device());
            }
            out.narrow(0, start, len).copy_(part);
        }
        return out;
    }

    /**
     * Whether {@link #conv2d} goes through the {@link #conv3x3} primitive: CPU float32, a 3x3 kernel with stride 1,
     * dilation 1 and one group, and either enough channels on both sides for Winograd's per-channel-pair products to
     * fill vectors or so few input channels that the CPU backend sums them directly; the shapes in between go through
     * im2col and one GEMM.
     */
    private static boolean byConv3x3(Tensor x, Tensor weight, Tensor bias, Window2d win, int groups) {
        return x.device().type() == Device.Type.CPU && x.dtype == DType.FLOAT32 && weight.dtype == DType.FLOAT32
                && (bias == null || bias.dtype == DType.FLOAT32) && groups == 1 && win.kernelH() == 3 && win.kernelW() == 3
                && win.strideH() == 1 && win.strideW() == 1 && win.dilationH() == 1 && win.dilationW() == 1
                && ((x.shape[1] >= CONV3X3_MIN_CHANNELS && weight.shape[0] >= CONV3X3_MIN_CHANNELS)
                    || x.shape[1] <= CONV3X3_DIRECT_MAX_CHANNELS);
    }

    static final long CONV3X3_MIN_CHANNELS = 16;
    /**
     * Inputs with this few channels (a first layer: grey or RGB images) go through {@link #conv3x3} too, summed
     * directly on the CPU (the backend's {@code Direct3x3.MAX_CHANNELS}, the same 4): conv 1->32 on 28x28, batch 64,
     * forward 2.9 ms through im2col and a GEMM, 1.3 ms directly.
     */
    static final long CONV3X3_DIRECT_MAX_CHANNELS = 4;

    /** One im2col and one GEMM (a batched one per group) over the whole batch: [N,C,H,W] to [N,O,oh,ow]. */
    private static Tensor conv2dOnce(Tensor x, Tensor weight, Tensor bias, Window2d win, int groups) {
        long o = weight.shape[0], n = x.shape[0], oh = win.outH(), ow = win.outW();
        Tensor cols = im2col(x, win);
        long k = cols.shape[0] / groups, l = n * oh * ow;
        Tensor prod = groups == 1
                ? weight.reshape(o, k).mm(cols)
                : weight.reshape(groups, o / groups, k).bmm(cols.view(groups, k, l)).view(o, l);
        // [O, N*L] to [N, O, oh, ow]: the bias add writes the new layout in the same pass.
        Tensor nchw = prod.view(o, n, oh, ow).permute(1, 0, 2, 3);
        return bias != null ? nchw.add(bias.view(1, o, 1, 1)) : nchw.contiguous();
    }

    /**
     * {@code conv_transpose2d}: input [N,Cin,H,W] (or [Cin,H,W]), weight [Cin, Cout/groups, kh, kw];
     * the gradient of {@link #conv2d} with respect to its input, plus bias.
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int[] dilation, int groups) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.CONV_TRANSPOSE2D,
                t -> convTranspose2d(t[0], t[1], t[2], stride, padding, outputPadding, dilation, groups),
                input, weight, bias) instanceof Tensor r) return r;
        checkArgs(stride, new int[]{padding[0], padding[1], padding[0], padding[1]}, dilation, groups);
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: "
                    + dims(input.shape));
        }
        if (weight.dim() != 4) {
            throw new IllegalArgumentException("expected stride to be a single integer value or a list of " + (weight.dim() - 2)
                    + " values to match the convolution dimensions, but got stride=" + Arrays.toString(stride));
        }
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] < 0) throw new IllegalArgumentException("negative output_padding is not supported");
        }
        if ((outputPadding[0] >= stride[0] && outputPadding[0] >= dilation[0])
                || (outputPadding[1] >= stride[1] && outputPadding[1] >= dilation[1])) {
            throw new IllegalArgumentException("output padding must be smaller than either stride or dilation, but got "
                    + "output_padding_height: " + outputPadding[0] + " output_padding_width: " + outputPadding[1]
                    + " stride_height: " + stride[0] + " stride_width: " + stride[1] + " dilation_height: " + dilation[0]
                    + " dilation_width: " + dilation[1]);
        }
        boolean unbatched = input.dim() == 3;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long cin = weight.shape[0], kh = weight.shape[2], kw = weight.shape[3];
        long cout = weight.shape[1] * groups;
        checkWeight(x, weight, bias, groups, true, cout);
        long n = x.shape[0], h = x.shape[2], w = x.shape[3];
        long oh = (h - 1) * stride[0] - 2L * padding[0] + (long) dilation[0] * (kh - 1) + outputPadding[0] + 1;
        long ow = (w - 1) * stride[1] - 2L * padding[1] + (long) dilation[1] * (kw - 1) + outputPadding[1] + 1;
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("Given input size per channel: (" + h + " x " + w + "). Calculated output size per channel: ("
                    + oh + " x " + ow + "). Output size is too small");
        }
        Window2d win = new Window2d((int) kh, (int) kw, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1],
                (int) h, (int) w);
        long cg = cin / groups, k = (cout / groups) * kh * kw, l = n * h * w;
        Tensor xs = x.permute(1, 0, 2, 3).reshape(groups, cg, l);
        Tensor cols = weight.reshape(groups, cg, k).transpose(1, 2).bmm(xs).view(cout * kh * kw, l);
        Tensor out = col2im(cols, win, cout, oh, ow);
        if (bias != null) out = out.add(bias.view(1, cout, 1, 1));
        return unbatched ? out.squeeze(0) : out;
    }

    /** Stride, padding, dilation and groups checks shared by the convolutions, with PyTorch's messages. */
    static void checkArgs(int[] stride, int[] padding, int[] dilation, int groups) {
        for (int s : stride) if (s <= 0) throw new IllegalArgumentException("non-positive stride is not supported");
        for (int p : padding) if (p < 0) throw new IllegalArgumentException("negative padding is not supported");
        for (int d : dilation) {
            if (d <= 0) {
                throw new IllegalArgumentException("dilation should be greater than zero, but got " + Arrays.toString(dilation));
            }
        }
        if (groups <= 0) throw new IllegalArgumentException("non-positive groups is not supported");
    }

    private static void checkWeight(Tensor x, Tensor weight, Tensor bias, int groups, boolean transposed, long outChannels) {
        if (x.dtype != weight.dtype) {
            throw new IllegalArgumentException("expected scalar type " + TypePromotion.shortName(x.dtype) + " but found "
                    + TypePromotion.shortName(weight.dtype));
        }
        if (weight.shape[0] % groups != 0) {
            throw new IllegalArgumentException("Given groups=" + groups + ", expected weight to be divisible by " + groups
                    + " at dimension 0, but got weight of size [" + dims(weight.shape) + "] instead");
        }
        long expected = transposed ? weight.shape[0] : weight.shape[1] * groups;
        if (x.shape[1] != expected) {
            String lead = transposed ? "Given transposed=1, weight of size " : "Given groups=" + groups + ", weight of size ";
            throw new IllegalArgumentException(lead + dims(weight.shape) + ", expected input" + dims(x.shape) + " to have "
                    + expected + " channels, but got " + x.shape[1] + " channels instead");
        }
        if (bias != null && (bias.dim() != 1 || bias.shape[0] != outChannels)) {
            throw new IllegalArgumentException("Given weight of size " + dims(weight.shape) + ", expected bias to be 1-dimensional with "
                    + outChannels + " elements, but got bias of size " + dims(bias.shape) + " instead");
        }
        if (bias != null && bias.dtype != x.dtype) {
            throw new IllegalArgumentException("expected scalar type " + TypePromotion.shortName(x.dtype) + " but found "
                    + TypePromotion.shortName(bias.dtype));
        }
    }

    private static String dims(long[] shape) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : ", ").append(shape[i]);
        return b.append(']').toString();
    }
}

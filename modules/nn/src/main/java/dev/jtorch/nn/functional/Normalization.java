package dev.jtorch.nn.functional;

import dev.jtorch.Autocast;
import dev.jtorch.AutocastOp;
import dev.jtorch.DType;
import dev.jtorch.GradMode;
import dev.jtorch.Tensor;

import java.util.Arrays;

/** batch_norm, layer_norm and group_norm, written with mean/var so that autograd derives their gradients. */
final class Normalization {
    private Normalization() {}

    /** Shape [1, C, 1, ...] for per-channel parameters of an input of rank {@code dim}. */
    private static long[] channelShape(int dim, long c) {
        long[] s = new long[dim];
        Arrays.fill(s, 1);
        s[1] = c;
        return s;
    }

    static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training,
                            double momentum, double eps) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.BATCH_NORM,
                t -> batchNorm(t[0], t[1], t[2], t[3], t[4], training, momentum, eps),
                input, runningMean, runningVar, weight, bias) instanceof Tensor r) return r;
        if (input.dtype().isReducedFloat() && anyFloat32(runningMean, runningVar, weight, bias)) {
            // PyTorch's mixed kernel (a bfloat16 activation under autocast, float32 parameters and statistics):
            // computed in float32, the result in the input's dtype.
            return batchNorm(input.to(DType.FLOAT32), runningMean, runningVar, weight, bias, training, momentum, eps)
                    .to(input.dtype());
        }
        if (input.dim() < 2) {
            throw new IllegalArgumentException("batch_norm: expected an input with at least 2 dims (N, C, ...), got "
                    + Convolutions.dims(input));
        }
        long c = input.size(1);
        checkChannels("running_mean", runningMean, c);
        checkChannels("running_var", runningVar, c);
        checkChannels("weight", weight, c);
        checkChannels("bias", bias, c);
        int[] dims = new int[input.dim() - 1];
        dims[0] = 0;
        for (int i = 2; i < input.dim(); i++) dims[i - 1] = i;
        long[] cs = channelShape(input.dim(), c);
        Tensor mean, var;
        if (training) {
            long count = input.numel() / c;
            if (count <= 1) {
                throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size torch.Size("
                        + Convolutions.dims(input) + ")");
            }
            mean = input.mean(dims, true);
            var = input.var(dims, 0, true);
            if (runningMean != null || runningVar != null) {
                try (var ignored = GradMode.noGrad()) {
                    if (runningMean != null) runningMean.mul_(1 - momentum).add_(mean.detach().view(c).to(runningMean.dtype()), momentum);
                    if (runningVar != null) {
                        Tensor unbiased = var.detach().view(c).mul((double) count / (count - 1)).to(runningVar.dtype());
                        runningVar.mul_(1 - momentum).add_(unbiased, momentum);
                    }
                }
            }
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("running_mean and running_var must be defined in evaluation mode");
            }
            mean = runningMean.view(cs);
            var = runningVar.view(cs);
        }
        Tensor out = input.sub(mean).mul(var.add(eps).rsqrt());
        if (weight != null) out = out.mul(weight.view(cs));
        if (bias != null) out = out.add(bias.view(cs));
        return out;
    }

    private static boolean anyFloat32(Tensor... params) {
        for (Tensor p : params) if (p != null && p.dtype() == DType.FLOAT32) return true;
        return false;
    }

    private static void checkChannels(String name, Tensor t, long c) {
        if (t != null && t.numel() != c) {
            throw new IllegalArgumentException(name + " should contain " + c + " elements not " + t.numel());
        }
    }

    static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.LAYER_NORM,
                t -> layerNorm(t[0], normalizedShape, t[1], t[2], eps),
                input, weight, bias) instanceof Tensor r) return r;
        int k = normalizedShape.length, d = input.dim();
        boolean ok = k >= 1 && k <= d;
        for (int i = 0; ok && i < k; i++) ok = input.size(d - k + i) == normalizedShape[i];
        if (!ok) {
            StringBuilder star = new StringBuilder("[*");
            for (long v : normalizedShape) star.append(", ").append(v);
            throw new IllegalArgumentException("Given normalized_shape=" + Arrays.toString(normalizedShape) + ", expected input with shape "
                    + star + "], but got input of size" + Convolutions.dims(input));
        }
        checkShape("weight", weight, normalizedShape);
        checkShape("bias", bias, normalizedShape);
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) dims[i] = d - k + i;
        Tensor mean = input.mean(dims, true);
        Tensor var = input.var(dims, 0, true);
        Tensor out = input.sub(mean).mul(var.add(eps).rsqrt());
        if (weight != null) out = out.mul(weight);
        if (bias != null) out = out.add(bias);
        return out;
    }

    private static void checkShape(String name, Tensor t, long[] shape) {
        if (t != null && !Arrays.equals(t.size().toArray(), shape)) {
            throw new IllegalArgumentException("Expected " + name + " to be of same shape as normalized_shape, but got " + name
                    + " of shape " + Convolutions.dims(t) + " and normalized_shape = " + Arrays.toString(shape));
        }
    }

    /**
     * Instance normalization, as PyTorch computes it: batch normalization of the input seen as one sample of N·C
     * channels. With running stats, each (n, c) updates a copy of its channel's stats, and the channel keeps their
     * mean over n.
     */
    static Tensor instanceNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean useInputStats,
                               double momentum, double eps) {
        if (input.dim() < 3) {
            throw new IllegalArgumentException("instance_norm: expected an input with a batch and a channel dimension and at least "
                    + "one spatial dimension, but got " + Convolutions.dims(input));
        }
        long n = input.size(0), c = input.size(1);
        checkChannels("weight", weight, c);
        checkChannels("bias", bias, c);
        long[] shape = input.shape().toArray();
        long[] folded = shape.clone();
        folded[0] = 1;
        folded[1] = n * c;
        Tensor rm = runningMean == null ? null : runningMean.repeat(n);
        Tensor rv = runningVar == null ? null : runningVar.repeat(n);
        Tensor out = batchNorm(input.reshape(folded), rm, rv, weight == null ? null : weight.repeat(n),
                bias == null ? null : bias.repeat(n), useInputStats, momentum, eps);
        if (useInputStats && (runningMean != null || runningVar != null)) {
            try (var ignored = dev.jtorch.GradMode.noGrad()) {
                if (runningMean != null) runningMean.copy_(rm.view(n, c).mean(0));
                if (runningVar != null) runningVar.copy_(rv.view(n, c).mean(0));
            }
        }
        return out.view(shape);
    }

    static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, double eps) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.GROUP_NORM,
                t -> groupNorm(t[0], numGroups, t[1], t[2], eps), input, weight, bias) instanceof Tensor r) return r;
        if (input.dim() < 2) {
            throw new IllegalArgumentException("Expected at least 2 dimensions for input tensor but received " + input.dim());
        }
        long n = input.size(0), c = input.size(1);
        if (numGroups <= 0 || c % numGroups != 0) {
            throw new IllegalArgumentException("Expected number of channels in input to be divisible by num_groups, but got input of shape "
                    + Convolutions.dims(input) + " and num_groups=" + numGroups);
        }
        checkChannels("weight", weight, c);
        checkChannels("bias", bias, c);
        Tensor g = input.reshape(n, numGroups, -1);
        Tensor mean = g.mean(new int[]{2}, true);
        Tensor var = g.var(new int[]{2}, 0, true);
        Tensor out = g.sub(mean).mul(var.add(eps).rsqrt()).view(input.size().toArray());
        long[] cs = channelShape(input.dim(), c);
        if (weight != null) out = out.mul(weight.view(cs));
        if (bias != null) out = out.add(bias.view(cs));
        return out;
    }
}

package dev.jtorch.nn.functional;

import dev.jtorch.Autocast;
import dev.jtorch.AutocastOp;
import dev.jtorch.DType;
import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.Arrays;

/** Linear maps, dropout (of elements and of whole channels), embedding lookup, one-hot encoding and distances. */
final class Basic {
    private Basic() {}

    /** y = x·Wᵀ + b, with PyTorch's addmm path for a 2-D input. */
    static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.LINEAR,
                t -> linear(t[0], t[1], t[2]), input, weight, bias) instanceof Tensor r) return r;
        if (input.dim() == 2 && bias != null) return bias.addmm(input, weight.t());
        Tensor out = input.matmul(weight.t());
        return bias == null ? out : out.add(bias);
    }

    /** y[..., o] = Σᵢⱼ x1[..., i]·W[o, i, j]·x2[..., j] + b[o]. */
    static Tensor bilinear(Tensor x1, Tensor x2, Tensor weight, Tensor bias) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.BILINEAR,
                t -> bilinear(t[0], t[1], t[2], t[3]), x1, x2, weight, bias) instanceof Tensor r) return r;
        if (weight.dim() != 3) throw new IllegalArgumentException("bilinear(): weight must be 3-dimensional, got " + weight.dim() + "-dimensional");
        long in1 = weight.size(1), in2 = weight.size(2), out = weight.size(0);
        if (x1.size(-1) != in1) throw new IllegalArgumentException("bilinear(): input1 size does not match weight size: got " + x1.size(-1) + " but expected " + in1);
        if (x2.size(-1) != in2) throw new IllegalArgumentException("bilinear(): input2 size does not match weight size: got " + x2.size(-1) + " but expected " + in2);
        long[] lead = Arrays.copyOf(x1.shape().toArray(), x1.dim() - 1);
        Tensor a = x1.reshape(-1, in1), b = x2.reshape(-1, in2);
        // (B, in1) @ (in1, out·in2) → (B, out, in2), then contract with x2 over in2.
        Tensor t = a.matmul(weight.permute(1, 0, 2).reshape(in1, out * in2)).view(-1, out, in2);
        Tensor y = t.mul(b.unsqueeze(1)).sum(2);
        if (bias != null) y = y.add(bias);
        long[] outShape = Arrays.copyOf(lead, lead.length + 1);
        outShape[lead.length] = out;
        return y.view(outShape);
    }

    static Tensor dropout(Tensor input, double p, boolean training) {
        checkDropout(p);
        if (!training || p == 0) return input;
        return input.mul(noise(input.shape().toArray(), p, input));
    }

    private static void checkDropout(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
    }

    /** Bernoulli(1 − p) draws scaled by 1/(1 − p) (all zero for p = 1), untracked, in input's dtype and device. */
    private static Tensor noise(long[] shape, double p, Tensor input) {
        try (var ignored = GradMode.noGrad()) {
            Tensor zeros = Torch.zeros(shape, input.dtype(), input.device());
            return p == 1 ? zeros : zeros.bernoulli_(1 - p).div_(1 - p);
        }
    }

    /**
     * Whole channels zeroed with probability p (the rest scaled by 1/(1 − p)); {@code spatialDims} is 1 for dropout1d
     * ([N, C, L] or [C, L]) and 2 for dropout2d ([N, C, H, W] or [C, H, W], a 3-d input being one unbatched sample as
     * in PyTorch 2; 1.13 warned and treated it as [N, C, L]).
     */
    static Tensor featureDropout(Tensor input, double p, boolean training, int spatialDims) {
        String name = "dropout" + spatialDims + "d";
        checkDropout(p);
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
        return input.mul(noise(mask, p, input));
    }

    /**
     * Rows of {@code weight} picked by the integer {@code input}; the row {@code paddingIdx} (if any) gets no
     * gradient (its output is taken from a detached copy of the weight).
     */
    static Tensor embedding(Tensor input, Tensor weight, Long paddingIdx) {
        if (input.dtype() != DType.INT64 && input.dtype() != DType.INT32) {
            throw new IllegalArgumentException("Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                    + "Long, Int; but got " + input.dtype() + " instead (while checking arguments for embedding)");
        }
        if (weight.dim() != 2) throw new IllegalArgumentException("'weight' must be 2-D");
        Tensor flat = input.reshape(-1);
        Tensor rows = weight.indexSelect(0, flat);
        if (paddingIdx != null && weight.requiresGrad()) {
            long pad = paddingIdx < 0 ? paddingIdx + weight.size(0) : paddingIdx;
            Tensor isPad = flat.eq(Torch.scalar(pad)).unsqueeze(1);
            rows = Torch.where(isPad, weight.detach().indexSelect(0, flat), rows);
        }
        long[] shape = Arrays.copyOf(input.shape().toArray(), input.dim() + 1);
        shape[input.dim()] = weight.size(1);
        return rows.view(shape);
    }

    static Tensor oneHot(Tensor tensor, long numClasses) {
        if (tensor.dtype() != DType.INT64) throw new IllegalArgumentException("one_hot is only applicable to index tensor.");
        if (tensor.numel() > 0) {
            if (tensor.min().itemLong() < 0) throw new IllegalArgumentException("Class values must be non-negative.");
            long max = tensor.max().itemLong();
            if (numClasses == -1) numClasses = max + 1;
            else if (max >= numClasses) throw new IllegalArgumentException("Class values must be smaller than num_classes.");
        } else if (numClasses == -1) {
            throw new IllegalArgumentException("Can not infer total number of classes from empty tensor.");
        }
        long[] shape = Arrays.copyOf(tensor.shape().toArray(), tensor.dim() + 1);
        shape[tensor.dim()] = numClasses;
        return Torch.zeros(shape, DType.INT64).scatter_(-1, tensor.unsqueeze(-1), 1);
    }

    /** x1·x2 / √max(‖x1‖²·‖x2‖², eps²) along {@code dim} (PyTorch 1.13's formula). */
    static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.COSINE_SIMILARITY,
                t -> cosineSimilarity(t[0], t[1], dim, eps), x1, x2) instanceof Tensor r) return r;
        Tensor w12 = x1.mul(x2).sum(dim);
        Tensor w1 = x1.mul(x1).sum(dim);
        Tensor w2 = x2.mul(x2).sum(dim);
        Tensor n12 = w1.mul(w2).clampMin(eps * eps).sqrt();
        return w12.div(n12);
    }

    /** ‖x1 − x2 + eps‖_p over the last dimension. */
    static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepdim) {
        Tensor diff = x1.sub(x2).add(eps);
        int last = Math.max(diff.dim() - 1, 0);
        if (diff.dim() == 0) return diff.abs();
        return diff.norm(p, new int[]{last}, keepdim);
    }
}

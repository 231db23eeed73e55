package dev.jtorch.nn.functional;

import dev.jtorch.Autocast;
import dev.jtorch.AutocastOp;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.Arrays;

/**
 * Loss functions with PyTorch's semantics and reductions ('mean', 'sum', 'none'), written with public tensor ops
 * so that autograd gives their gradients.
 */
final class Losses {
    private Losses() {}

    static Tensor reduce(Tensor loss, String reduction) {
        return switch (reduction) {
            case "mean" -> loss.mean();
            case "sum" -> loss.sum();
            case "none" -> loss;
            default -> throw new IllegalArgumentException(reduction + " is not a valid value for reduction");
        };
    }

    private static void checkReduction(String reduction) {
        if (!reduction.equals("mean") && !reduction.equals("sum") && !reduction.equals("none")) {
            throw new IllegalArgumentException(reduction + " is not a valid value for reduction");
        }
    }

    // ------------------------------------------------------------------ classification

    /**
     * Negative log-likelihood of log-probabilities {@code input} (C), (N, C) or (N, C, d1, ...) at class indices
     * {@code target}; the weighted mean divides by the summed weights of the targets that are not ignored.
     */
    static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.NLL_LOSS,
                t -> nllLoss(t[0], t[1], t[2], ignoreIndex, reduction),
                input, target, weight) instanceof Tensor r) return r;
        checkReduction(reduction);
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException("expected scalar type Long but found " + scalarTypeName(target.dtype()));
        }
        if (input.dim() < 1) throw new IllegalArgumentException("input tensor should be 1D or 2D");
        int classDim = input.dim() == 1 ? 0 : 1;
        long classes = input.size(classDim);
        if (input.dim() == 1) {
            if (target.dim() != 0) throw new IllegalArgumentException("0D or 1D target tensor expected, multi-target not supported");
        } else {
            if (target.dim() != input.dim() - 1) {
                throw new IllegalArgumentException(input.dim() == 2 ? "0D or 1D target tensor expected, multi-target not supported"
                        : "Expected target size " + expectedTarget(input) + ", got " + target.shape().toString().replace("torch.Size(", "").replace(")", ""));
            }
            if (input.size(0) != target.size(0)) {
                throw new IllegalArgumentException("Expected input batch_size (" + input.size(0) + ") to match target batch_size (" + target.size(0) + ").");
            }
            for (int d = 2; d < input.dim(); d++) {
                if (input.size(d) != target.size(d - 1)) {
                    throw new IllegalArgumentException("Expected target size " + expectedTarget(input) + ", got " + target.shape().toString().replace("torch.Size(", "").replace(")", ""));
                }
            }
        }
        if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
            throw new IllegalArgumentException("weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: " + Arrays.toString(weight.shape().toArray()));
        }
        for (long t : target.toLongArray()) {
            if (t != ignoreIndex && (t < 0 || t >= classes)) throw new IndexOutOfBoundsException("Target " + t + " is out of bounds.");
        }
        Tensor ignored = target.eq(Torch.scalar(ignoreIndex));
        Tensor safeTarget = target.maskedFill(ignored, 0);
        Tensor picked = input.gather(classDim, safeTarget.unsqueeze(classDim)).squeeze(classDim);
        Tensor w = weight == null ? Torch.onesLike(picked) : weight.to(picked.dtype()).indexSelect(0, safeTarget.reshape(-1)).view(target.shape().toArray());
        w = w.maskedFill(ignored, 0);
        Tensor loss = picked.mul(w).neg();
        return switch (reduction) {
            case "none" -> loss;
            case "sum" -> loss.sum();
            default -> loss.sum().div(w.sum());
        };
    }

    private static String expectedTarget(Tensor input) {
        long[] s = input.shape().toArray();
        long[] t = new long[s.length - 1];
        t[0] = s[0];
        System.arraycopy(s, 2, t, 1, s.length - 2);
        return Arrays.toString(t);
    }

    /** PyTorch's short scalar-type name (Float, Long, ...), as its "not implemented for" messages print it. */
    static String scalarTypeName(DType dt) {
        return switch (dt) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case FLOAT16 -> "Half";
            case BFLOAT16 -> "BFloat16";
            case INT32 -> "Int";
            case INT16 -> "Short";
            case INT8 -> "Char";
            case UINT8 -> "Byte";
            case BOOL -> "Bool";
            case INT64 -> "Long";
        };
    }

    /**
     * Cross entropy of logits {@code input} against class indices (integer target) or class probabilities
     * (floating target of the input's shape), with PyTorch's weight, ignore_index and label smoothing rules.
     */
    static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction, double labelSmoothing) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.CROSS_ENTROPY,
                t -> crossEntropy(t[0], t[1], t[2], ignoreIndex, reduction, labelSmoothing),
                input, target, weight) instanceof Tensor r) return r;
        checkReduction(reduction);
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        Tensor logp = Activations.logSoftmax(input, classDim);
        long classes = input.size(classDim);
        if (target.isFloatingPoint()) {
            if (!target.shape().equals(input.shape())) {
                throw new IllegalArgumentException("Expected floating point target to have the same shape as input " + input.shape() + ", got " + target.shape());
            }
            return crossEntropyProbabilities(logp, target, weight, reduction, labelSmoothing, classDim, classes);
        }
        Tensor nll = nllLoss(logp, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;
        Tensor smooth;
        if (weight != null) smooth = logp.mul(broadcastWeight(weight, logp, classDim)).sum(classDim).neg();
        else smooth = logp.sum(classDim).neg();
        Tensor ignored = target.eq(Torch.scalar(ignoreIndex));
        smooth = smooth.maskedFill(ignored, 0);
        Tensor ret = switch (reduction) {
            case "mean" -> {
                if (weight != null) {
                    Tensor kept = target.maskedSelect(ignored.logicalNot()).reshape(-1);
                    yield smooth.sum().div(weight.indexSelect(0, kept).sum());
                }
                yield smooth.sum().div(ignored.logicalNot().sum());
            }
            case "sum" -> smooth.sum();
            default -> smooth;
        };
        return nll.mul(1 - labelSmoothing).add(ret.mul(labelSmoothing / classes));
    }

    private static Tensor crossEntropyProbabilities(Tensor logp, Tensor target, Tensor weight, String reduction,
                                                    double labelSmoothing, int classDim, long classes) {
        if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
            throw new IllegalArgumentException("cross_entropy: weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: " + Arrays.toString(weight.shape().toArray()));
        }
        Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
        Tensor prod = logp.mul(t);
        if (weight != null) prod = prod.mul(broadcastWeight(weight, logp, classDim));
        return switch (reduction) {
            case "mean" -> logp.numel() == 0 ? prod.sum().neg().mul(Double.NaN) : prod.sum().neg().div((double) (logp.numel() / classes));
            case "sum" -> prod.sum().neg();
            default -> prod.sum(classDim).neg();
        };
    }

    private static Tensor broadcastWeight(Tensor weight, Tensor like, int classDim) {
        long[] shape = new long[like.dim()];
        Arrays.fill(shape, 1);
        shape[classDim] = weight.numel();
        return weight.view(shape);
    }

    // ------------------------------------------------------------------ regression

    static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.MSE_LOSS,
                t -> mseLoss(t[0], t[1], reduction), input, target) instanceof Tensor r) return r;
        Tensor d = input.sub(target);
        return reduce(d.mul(d), reduction);
    }

    static Tensor l1Loss(Tensor input, Tensor target, String reduction) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.L1_LOSS,
                t -> l1Loss(t[0], t[1], reduction), input, target) instanceof Tensor r) return r;
        return reduce(input.sub(target).abs(), reduction);
    }

    /** 0.5·d²/β where |d| &lt; β, else |d| − 0.5·β; β = 0 is the L1 loss. */
    static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, double beta) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.SMOOTH_L1_LOSS,
                t -> smoothL1Loss(t[0], t[1], reduction, beta), input, target) instanceof Tensor r) return r;
        if (beta < 0) throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta.");
        if (beta == 0) return l1Loss(input, target, reduction);
        Tensor z = input.sub(target).abs();
        Tensor loss = Torch.where(z.lt(beta), z.mul(z).mul(0.5 / beta), z.sub(0.5 * beta));
        return reduce(loss, reduction);
    }

    /** 0.5·d² where |d| &lt; δ, else δ·(|d| − 0.5·δ). */
    static Tensor huberLoss(Tensor input, Tensor target, String reduction, double delta) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.HUBER_LOSS,
                t -> huberLoss(t[0], t[1], reduction, delta), input, target) instanceof Tensor r) return r;
        if (delta <= 0) throw new IllegalArgumentException("huber_loss does not support non-positive values for delta.");
        Tensor z = input.sub(target).abs();
        Tensor loss = Torch.where(z.lt(delta), z.mul(z).mul(0.5), z.sub(0.5 * delta).mul(delta));
        return reduce(loss, reduction);
    }

    // ------------------------------------------------------------------ binary

    /** −w·(t·log x + (1 − t)·log(1 − x)), the logs clamped at −100 as PyTorch does. */
    static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.BINARY_CROSS_ENTROPY,
                t -> binaryCrossEntropy(t[0], t[1], t[2], reduction),
                input, target, weight) instanceof Tensor r) return r;
        checkReduction(reduction);
        if (!target.shape().equals(input.shape())) {
            throw new IllegalArgumentException("Using a target size (" + target.shape() + ") that is different to the input size ("
                    + input.shape() + ") is deprecated. Please ensure they have the same size.");
        }
        if (input.numel() > 0) {
            double min = input.detach().min().item(), max = input.detach().max().item();
            if (!(min >= 0 && max <= 1)) throw new IllegalArgumentException("all elements of input should be between 0 and 1");
        }
        Tensor logX = input.log().clampMin(-100);
        Tensor log1mX = input.rsub(1.0).log().clampMin(-100);
        Tensor loss = target.mul(logX).add(target.rsub(1.0).mul(log1mX)).neg();
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    /** PyTorch's stable form: (1 − t)·x + l·(log(e^(−m) + e^(−x−m)) + m), m = max(−x, 0), l = 1 + (pos_weight − 1)·t. */
    static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, String reduction) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.BINARY_CROSS_ENTROPY_WITH_LOGITS,
                t -> binaryCrossEntropyWithLogits(t[0], t[1], t[2], t[3], reduction),
                input, target, weight, posWeight) instanceof Tensor r) return r;
        checkReduction(reduction);
        if (!target.shape().equals(input.shape())) {
            throw new IllegalArgumentException("Target size (" + target.shape() + ") must be the same as input size (" + input.shape() + ")");
        }
        Tensor maxVal = input.neg().clampMin(0);
        Tensor softplus = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log().add(maxVal);
        Tensor loss;
        if (posWeight != null) {
            Tensor logWeight = posWeight.sub(1.0).mul(target).add(1.0);
            loss = target.rsub(1.0).mul(input).add(logWeight.mul(softplus));
        } else {
            loss = target.rsub(1.0).mul(input).add(softplus);
        }
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    /**
     * Kullback-Leibler divergence with log-probabilities {@code input}: t·(log t − x) (0 where t = 0), or
     * eᵗ·(t − x) for a log target; 'batchmean' divides the sum by the batch size.
     */
    static Tensor klDiv(Tensor input, Tensor target, String reduction, boolean logTarget) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.KL_DIV,
                t -> klDiv(t[0], t[1], reduction, logTarget), input, target) instanceof Tensor r) return r;
        Tensor loss;
        if (logTarget) {
            loss = target.exp().mul(target.sub(input));
        } else {
            Tensor positive = target.gt(0);
            Tensor safeLog = Torch.where(positive, target, Torch.onesLike(target)).log();
            loss = target.mul(safeLog).sub(target.mul(input));
        }
        if (reduction.equals("batchmean")) {
            return input.dim() == 0 ? loss.sum() : loss.sum().div(input.size(0));
        }
        return reduce(loss, reduction);
    }
}

package dev.jtorch.nn.functional;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * Ranking, margin and likelihood losses (PyTorch's margin_ranking, hinge_embedding, soft_margin,
 * multilabel_soft_margin, cosine_embedding, triplet_margin, poisson_nll and gaussian_nll), written as PyTorch's
 * reference implementations are, with public tensor ops, so autograd gives their gradients.
 */
final class MarginLosses {
    private MarginLosses() {}

    /** max(0, −y·(x1 − x2) + margin). */
    static Tensor marginRanking(Tensor x1, Tensor x2, Tensor target, double margin, String reduction) {
        return Losses.reduce(target.neg().mul(x1.sub(x2)).add(margin).clampMin(0), reduction);
    }

    /** x where y = 1, max(0, margin − x) where y = −1. */
    static Tensor hingeEmbedding(Tensor input, Tensor target, double margin, String reduction) {
        Tensor marginClamp = input.rsub(margin).clampMin(0);
        Tensor outputMargin = Torch.where(target.ne(1L), marginClamp, 0.0);
        Tensor outputSelf = Torch.where(target.ne(-1L), input, 0.0);
        return Losses.reduce(outputMargin.add(outputSelf), reduction);
    }

    /** log(1 + exp(−y·x)). */
    static Tensor softMargin(Tensor input, Tensor target, String reduction) {
        return Losses.reduce(input.neg().mul(target).exp().log1p(), reduction);
    }

    /** The per-class logistic loss averaged over classes (dim 1), then reduced over the batch. */
    static Tensor multilabelSoftMargin(Tensor input, Tensor target, Tensor weight, String reduction) {
        Tensor loss = target.mul(Activations.logsigmoid(input)).add(target.rsub(1.0).mul(Activations.logsigmoid(input.neg()))).neg();
        if (weight != null) loss = loss.mul(weight);
        int classDim = input.dim() - 1;
        loss = loss.sum(classDim).div((double) input.size(classDim));
        return Losses.reduce(loss, reduction);
    }

    /** 1 − cos(x1, x2) where y = 1, max(0, cos(x1, x2) − margin) where y = −1 (cosine over dim 1, or 0 for vectors). */
    static Tensor cosineEmbedding(Tensor x1, Tensor x2, Tensor target, double margin, String reduction) {
        if (x1.dim() != x2.dim()) {
            throw new IllegalArgumentException("cosine_embedding_loss: x1 and x2 should have the same number of dimensions, but got "
                    + x1.dim() + " and " + x2.dim());
        }
        if (x1.dim() < 1 || x1.dim() > 2) {
            throw new IllegalArgumentException("cosine_embedding_loss: 1D or 2D input expected, but got " + x1.dim() + "D");
        }
        int d = x1.dim() == 2 ? 1 : 0;
        double eps = 1e-12;
        Tensor prod = x1.mul(x2).sum(d);
        Tensor mag1 = x1.mul(x1).sum(d).add(eps), mag2 = x2.mul(x2).sum(d).add(eps);
        Tensor cos = prod.div(mag1.mul(mag2).sqrt());
        Tensor pos = Torch.where(target.eq(1L), cos.rsub(1.0), 0.0);
        Tensor neg = Torch.where(target.eq(-1L), cos.sub(margin).clampMin(0), 0.0);
        return Losses.reduce(pos.add(neg), reduction);
    }

    /** max(0, margin + d(a, p) − d(a, n)), d the p-norm pairwise distance; swap takes min(d(a, n), d(p, n)). */
    static Tensor tripletMargin(Tensor anchor, Tensor positive, Tensor negative, double margin, double p, double eps, boolean swap,
                                String reduction) {
        int a = anchor.dim(), pd = positive.dim(), n = negative.dim();
        if (a != pd || a != n) {
            throw new IllegalArgumentException("The anchor, positive, and negative tensors are expected to have the same number of "
                    + "dimensions, but got: anchor " + a + "D, positive " + pd + "D, and negative " + n + "D inputs");
        }
        Tensor dPos = Basic.pairwiseDistance(anchor, positive, p, eps, false);
        Tensor dNeg = Basic.pairwiseDistance(anchor, negative, p, eps, false);
        if (swap) dNeg = dNeg.minimum(Basic.pairwiseDistance(positive, negative, p, eps, false));
        return Losses.reduce(dPos.sub(dNeg).add(margin).clampMin(0), reduction);
    }

    /**
     * Poisson negative log-likelihood: exp(x) − t·x for log inputs, else x − t·log(x + eps); full adds Stirling's
     * approximation t·log t − t + ½·log(2πt) where t &gt; 1.
     */
    static Tensor poissonNll(Tensor input, Tensor target, boolean logInput, boolean full, double eps, String reduction) {
        Tensor loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
        if (full) {
            Tensor stirling = target.mul(target.log()).sub(target).add(target.mul(2 * Math.PI).log().mul(0.5));
            loss = loss.add(stirling.maskedFill(target.le(1.0), 0.0));
        }
        return Losses.reduce(loss, reduction);
    }

    /**
     * Gaussian negative log-likelihood ½·(log var + (x − t)²/var) (+ ½·log 2π when full); var is clamped to eps for
     * the value only (the gradient passes as if unclamped, as PyTorch's no-grad clamp), and may have one dim fewer
     * than input or a last dim of 1 (one variance per sample, homoscedastic).
     */
    static Tensor gaussianNll(Tensor input, Tensor target, Tensor var, boolean full, double eps, String reduction) {
        if (!var.shape().equals(input.shape())) {
            long[] in = input.shape().toArray(), v = var.shape().toArray();
            boolean oneFewer = v.length == in.length - 1 && java.util.Arrays.equals(v, java.util.Arrays.copyOf(in, in.length - 1));
            boolean lastIsOne = v.length == in.length && v.length > 0 && v[v.length - 1] == 1
                    && java.util.Arrays.equals(java.util.Arrays.copyOf(v, v.length - 1), java.util.Arrays.copyOf(in, in.length - 1));
            if (oneFewer) var = var.unsqueeze(-1);
            else if (!lastIsOne) throw new IllegalArgumentException("var is of incorrect size");
        }
        if (!reduction.equals("mean") && !reduction.equals("sum") && !reduction.equals("none")) {
            throw new IllegalArgumentException(reduction + " is not valid");
        }
        try (var g = GradMode.noGrad()) {
            if (var.lt(0.0).any().item() != 0) throw new IllegalArgumentException("var has negative entry/entries");
        }
        Tensor clamped = var.add(var.detach().clampMin(eps).sub(var.detach())); // the clamp's value, var's gradient
        Tensor loss = clamped.log().add(input.sub(target).square().div(clamped)).mul(0.5);
        if (full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
        return Losses.reduce(loss, reduction);
    }
}

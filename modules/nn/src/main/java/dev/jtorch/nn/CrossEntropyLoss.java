package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Log-softmax followed by NLL (class indices) or cross entropy with class probabilities, as PyTorch's {@code nn.CrossEntropyLoss}. */
public class CrossEntropyLoss extends Loss {
    public final Tensor weight;
    public final long ignoreIndex;
    public final double labelSmoothing;

    public CrossEntropyLoss() { this(null, -100, "mean", 0.0); }

    public CrossEntropyLoss(String reduction) { this(null, -100, reduction, 0.0); }

    /** {@code weight}: one per class, or null; registered as a buffer, as PyTorch. */
    public CrossEntropyLoss(Tensor weight, long ignoreIndex, String reduction, double labelSmoothing) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) { return F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing); }
}

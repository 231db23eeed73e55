package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** Base of the loss modules (PyTorch's {@code _Loss}): a reduction ('mean', 'sum' or 'none') and a two-input forward. */
public abstract class Loss extends Module {
    public final String reduction;

    protected Loss(String reduction) {
        this.reduction = checkReduction(reduction);
    }

    static String checkReduction(String reduction) {
        if (!reduction.equals("mean") && !reduction.equals("sum") && !reduction.equals("none") && !reduction.equals("batchmean")) {
            throw new IllegalArgumentException(reduction + " is not a valid value for reduction");
        }
        return reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** Splits dim {@code dim} into {@code unflattenedSize}, as PyTorch's {@code nn.Unflatten}. */
public class Unflatten extends Module {
    public final int dim;
    private final long[] unflattenedSize;

    public Unflatten(int dim, long... unflattenedSize) {
        this.dim = dim;
        this.unflattenedSize = unflattenedSize.clone();
    }

    public long[] unflattenedSize() { return unflattenedSize.clone(); }

    @Override
    public Tensor forward(Tensor input) { return input.unflatten(dim, unflattenedSize); }

    @Override
    protected String extraRepr() { return "dim=" + dim + ", unflattened_size=" + pyTuple(unflattenedSize); }
}

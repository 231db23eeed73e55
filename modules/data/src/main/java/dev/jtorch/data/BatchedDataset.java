package dev.jtorch.data;

/**
 * A dataset that reads many samples at once, already collated as {@link Collate#stack()} would collate them (for
 * tensors in memory this is one {@code indexSelect} per tensor instead of a tensor per sample and a stack). The
 * {@link DataLoader} uses it when its collate is the default one; the result must equal stacking the samples.
 */
public interface BatchedDataset<T> extends Dataset<T> {
    /** The samples at {@code indices}, stacked along a new dim 0. */
    T getBatch(long[] indices);
}

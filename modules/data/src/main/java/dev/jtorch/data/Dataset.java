package dev.jtorch.data;

/**
 * A map-style dataset, as PyTorch's {@code torch.utils.data.Dataset}: {@link #size()} samples, each read by index.
 * Implementations used with {@link DataLoader#builder(Dataset) worker threads} must allow concurrent {@code get}s.
 */
public interface Dataset<T> {
    /** The sample at {@code index}, 0 &le; index &lt; {@link #size()}. */
    T get(long index);

    /** The number of samples ({@code len(dataset)}). */
    long size();
}

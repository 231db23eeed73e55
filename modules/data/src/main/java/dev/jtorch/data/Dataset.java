package dev.jtorch.data;

/** A map-style dataset, as PyTorch's {@code torch.utils.data.Dataset} (placeholder: the nn issue fills it in). */
public interface Dataset<T> {
    T get(long index);

    long size();
}

package dev.jtorch.data;

import java.util.Objects;

/** The samples of {@code dataset} at {@code indices}, in that order, as PyTorch's {@code Subset}. */
public final class Subset<T> implements BatchedDataset<T> {
    private final Dataset<T> dataset;
    private final long[] indices;

    public Subset(Dataset<T> dataset, long[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        long n = dataset.size();
        for (long i : indices) {
            if (i < 0 || i >= n) throw new IndexOutOfBoundsException("Subset index " + i + " is out of range for a dataset of size " + n);
        }
        this.indices = indices.clone();
    }

    public Dataset<T> dataset() { return dataset; }

    public long[] indices() { return indices.clone(); }

    @Override
    public T get(long index) { return dataset.get(indices[Objects.checkIndex(Math.toIntExact(index), indices.length)]); }

    /** Batched when the underlying dataset is; otherwise the samples are read one by one and stacked. */
    @Override
    public T getBatch(long[] batchIndices) {
        long[] mapped = new long[batchIndices.length];
        for (int i = 0; i < mapped.length; i++) mapped[i] = indices[Objects.checkIndex(Math.toIntExact(batchIndices[i]), indices.length)];
        if (dataset instanceof BatchedDataset<T> batched) return batched.getBatch(mapped);
        java.util.List<T> samples = new java.util.ArrayList<>(mapped.length);
        for (long i : mapped) samples.add(dataset.get(i));
        return Collate.<T>stack().apply(samples);
    }

    @Override
    public long size() { return indices.length; }
}

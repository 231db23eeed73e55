package dev.jtorch.data;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.Arrays;
import java.util.Objects;

/**
 * Tensors that share their first dimension, as PyTorch's {@code TensorDataset}: sample {@code i} is
 * {@code {t0[i], t1[i], ...}} (views, no copies).
 */
public final class TensorDataset implements BatchedDataset<Tensor[]> {
    private final Tensor[] tensors;

    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("TensorDataset needs at least one tensor");
        for (Tensor t : tensors) {
            Objects.requireNonNull(t, "tensor");
            if (t.dim() == 0) throw new IllegalArgumentException("TensorDataset: tensors must have a dim 0 to index, got a 0-dim tensor");
            if (t.size(0) != tensors[0].size(0)) {
                throw new IllegalArgumentException("Size mismatch between tensors: "
                        + Arrays.stream(tensors).map(x -> x.shape().toString()).toList());
            }
        }
        this.tensors = tensors.clone();
    }

    /** The tensors, in the order given. */
    public Tensor[] tensors() { return tensors.clone(); }

    @Override
    public Tensor[] get(long index) {
        Objects.checkIndex(index, size());
        Tensor[] sample = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) sample[i] = tensors[i].select(0, index);
        return sample;
    }

    @Override
    public Tensor[] getBatch(long[] indices) {
        for (long i : indices) Objects.checkIndex(i, size());
        Tensor index = Torch.from(indices.clone(), indices.length);
        Tensor[] batch = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) batch[i] = tensors[i].indexSelect(0, index);
        return batch;
    }

    @Override
    public long size() { return tensors[0].size(0); }
}

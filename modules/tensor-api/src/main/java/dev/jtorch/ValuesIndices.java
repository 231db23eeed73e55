package dev.jtorch;

/** The (values, indices) pair returned by {@code max(dim)}, {@code sort}, {@code topk} ... */
public record ValuesIndices(Tensor values, Tensor indices) {
    /** As PyTorch prints {@code torch.return_types.max(values=..., indices=...)}. */
    public String toString(String opName) {
        return "torch.return_types." + opName + "(\nvalues=" + values + ",\nindices=" + indices + ")";
    }

    @Override
    public String toString() { return "(values=" + values + ", indices=" + indices + ")"; }
}

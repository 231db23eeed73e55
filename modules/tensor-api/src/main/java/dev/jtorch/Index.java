package dev.jtorch;

import java.util.List;

/**
 * One entry of an indexing expression: an integer, a slice {@code start:stop:step}, the ellipsis,
 * {@code None} (a new axis of size 1) or an index/mask tensor.
 */
public sealed interface Index {
    /** Selects one position and removes the dim (negative counts from the end). */
    record Integer(long value) implements Index {}

    /** Null bounds mean "from the start" / "to the end"; the step must be positive, as in PyTorch. */
    record Slice(Long start, Long stop, long step) implements Index {
        public Slice {
            // Python rejects a zero step when building the slice; PyTorch rejects negative steps.
            if (step == 0) throw new IllegalArgumentException("slice step cannot be zero");
            if (step < 0) throw new IllegalArgumentException("step must be greater than zero");
        }
    }

    /** {@code ...}: as many full slices as needed to index every dim. */
    record Ellipsis() implements Index {}

    /** {@code None}: a new dim of size 1. */
    record NewAxis() implements Index {}

    /** Advanced indexing: an int64 tensor of positions, or a bool mask over the next {@code mask.dim()} dims. */
    record TensorIndex(Tensor tensor) implements Index {
        public TensorIndex {
            java.util.Objects.requireNonNull(tensor, "tensor");
        }
    }

    Index ELLIPSIS = new Ellipsis();
    Index NONE = new NewAxis();
    Index ALL = new Slice(null, null, 1);

    static Index at(long i) { return new Integer(i); }

    static Index slice(Long start, Long stop) { return new Slice(start, stop, 1); }

    static Index slice(Long start, Long stop, long step) { return new Slice(start, stop, step); }

    static Index all() { return ALL; }

    static Index tensor(Tensor t) { return new TensorIndex(t); }

    /**
     * Converts Java values: Long/Integer/Short/Byte select, {@link Index} entries as they are, a Tensor
     * (int64 positions or a bool mask), {@code long[]}/{@code int[]} as an int64 index, {@code boolean[]}
     * as a mask, Boolean as Python's True/False, a String in Python notation (one or more entries);
     * {@code null} is PyTorch's None.
     */
    static List<Index> of(Object... items) { return IndexParser.convert(items); }

    /**
     * Parses Python's notation: {@code ":, 1"}, {@code "1:3, ::2"}, {@code "..., None"}, {@code "-1"},
     * {@code "[0, 2], 1"} (a list is an int64 index; {@code True}/{@code False} lists are masks; a nested list
     * is one multi-dim index tensor, not Python's legacy reading of it as a tuple of indices).
     */
    static List<Index> parse(String spec) { return IndexParser.parse(spec); }
}

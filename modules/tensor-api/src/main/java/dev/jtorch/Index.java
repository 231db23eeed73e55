package dev.jtorch;

import java.util.List;

/**
 * One entry of an indexing expression: an integer, a slice {@code start:stop:step}, the ellipsis,
 * {@code None} (a new axis of size 1) or an index/mask tensor.
 */
public sealed interface Index {
    record Integer(long value) implements Index {}
    /** Null bounds mean "from the start" / "to the end"; step defaults to 1. */
    record Slice(Long start, Long stop, long step) implements Index {}
    record Ellipsis() implements Index {}
    record NewAxis() implements Index {}
    record TensorIndex(Tensor tensor) implements Index {}

    Index ELLIPSIS = new Ellipsis();
    Index NONE = new NewAxis();
    Index ALL = new Slice(null, null, 1);

    static Index at(long i) { return new Integer(i); }

    static Index slice(Long start, Long stop) { return new Slice(start, stop, 1); }

    static Index slice(Long start, Long stop, long step) { return new Slice(start, stop, step); }

    static Index all() { return ALL; }

    /** Converts Java values: Long/Integer, Index, Tensor; {@code null} is PyTorch's None. */
    static List<Index> of(Object... items) { return IndexParser.convert(items); }

    /** Parses Python's notation: {@code ":, 1"}, {@code "1:3, ::2"}, {@code "..., None"}, {@code "-1"}. */
    static List<Index> parse(String spec) { return IndexParser.parse(spec); }
}

package dev.jtorch;

import java.util.List;

/** cat/stack and the splitting, repeating, flipping and triangle ops. */
final class Joining {
    private Joining() {}

    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("joining: not implemented yet"); }

    static Tensor cat(List<Tensor> tensors, int dim) { throw todo(); }

    static Tensor stack(List<Tensor> tensors, int dim) { throw todo(); }

    static List<Tensor> chunk(Tensor x, int chunks, int dim) { throw todo(); }

    static List<Tensor> split(Tensor x, long splitSize, int dim) { throw todo(); }

    static List<Tensor> split(Tensor x, long[] sections, int dim) { throw todo(); }

    static List<Tensor> unbind(Tensor x, int dim) { throw todo(); }

    static Tensor repeat(Tensor x, long[] repeats) { throw todo(); }

    static Tensor tile(Tensor x, long[] reps) { throw todo(); }

    static Tensor flip(Tensor x, int[] dims) { throw todo(); }

    static Tensor roll(Tensor x, long[] shifts, int[] dims) { throw todo(); }

    static Tensor tril(Tensor x, long diagonal) { throw todo(); }

    static Tensor triu(Tensor x, long diagonal) { throw todo(); }
}

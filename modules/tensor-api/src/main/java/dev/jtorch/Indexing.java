package dev.jtorch;

import java.util.List;

/** Basic and advanced indexing, gather/scatter, masks. */
final class Indexing {
    private Indexing() {}

    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("indexing: not implemented yet"); }

    static Tensor get(Tensor x, List<Index> idx) { throw todo(); }

    static void set(Tensor x, List<Index> idx, Tensor value) { throw todo(); }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) { throw todo(); }

    static Tensor gather(Tensor x, int dim, Tensor index) { throw todo(); }

    static Tensor scatter(Tensor x, int dim, Tensor index, Tensor src, boolean add, boolean inPlace) { throw todo(); }

    /** A tensor of {@code value} with x's dtype broadcast to index's shape (scatter with a scalar). */
    static Tensor valueLike(Tensor x, Tensor index, double value) { throw todo(); }

    static Tensor indexPut(Tensor x, Tensor[] indices, Tensor values, boolean accumulate) { throw todo(); }

    static Tensor maskedFill(Tensor x, Tensor mask, double value, boolean inPlace) { throw todo(); }

    static Tensor maskedSelect(Tensor x, Tensor mask) { throw todo(); }

    static Tensor nonzero(Tensor x) { throw todo(); }
}

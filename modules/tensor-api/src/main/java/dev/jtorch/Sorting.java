package dev.jtorch;

/** sort, argsort and topk. */
final class Sorting {
    private Sorting() {}

    static ValuesIndices sort(Tensor x, int dim, boolean descending, boolean stable) {
        throw new UnsupportedOperationException("sort: not implemented yet");
    }

    static ValuesIndices topk(Tensor x, long k, int dim, boolean largest, boolean sorted) {
        throw new UnsupportedOperationException("topk: not implemented yet");
    }
}

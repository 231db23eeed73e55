package dev.jtorch;

/** torch.diag and torch.trace, written with the diagonal view. */
final class Diagonals {
    private Diagonals() {}

    /** A vector's square matrix with it on the given diagonal, or a copy of a matrix's diagonal. */
    static Tensor diag(Tensor x, long diagonal) {
        if (x.dim() == 1) {
            long n = x.shape[0] + Math.abs(diagonal);
            Tensor out = Torch.zeros(new long[]{n, n}, x.dtype, x.device());
            out.diagonal(diagonal, 0, 1).copy_(x);
            return out;
        }
        if (x.dim() == 2) return x.diagonal(diagonal, 0, 1).clone();
        throw new IllegalArgumentException("matrix or a vector expected");
    }

    /** The sum of a matrix's main diagonal (int64 for integer inputs). */
    static Tensor trace(Tensor x) {
        if (x.dim() != 2) throw new IllegalArgumentException("trace: expected a matrix, but got tensor with dim " + x.dim());
        if (x.dtype == DType.BOOL) throw Elementwise.notImplemented("trace", x.dtype);
        return x.diagonal(0, 0, 1).sum();
    }
}

package dev.jtorch;

/** Random tensor creation from a {@link Generator}. */
final class RandomOps {
    private RandomOps() {}

    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("random: not implemented yet"); }

    static Tensor rand(long[] shape, DType dtype, Generator g) { throw todo(); }

    static Tensor randn(long[] shape, DType dtype, Generator g) { throw todo(); }

    static Tensor randint(long low, long high, long[] shape, DType dtype, Generator g) { throw todo(); }

    static Tensor randperm(long n, DType dtype, Generator g) { throw todo(); }

    static Tensor normal(double mean, double std, long[] shape, Generator g) { throw todo(); }

    static Tensor bernoulli(Tensor p, Generator g) { throw todo(); }

    /** Fills x in place with U[from, to). */
    static Tensor uniform(Tensor x, double from, double to, Generator g) { throw todo(); }

    /** Fills x in place with N(mean, std^2). */
    static Tensor normal(Tensor x, double mean, double std, Generator g) { throw todo(); }
}

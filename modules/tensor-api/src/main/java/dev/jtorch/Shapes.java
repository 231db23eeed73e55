package dev.jtorch;

/** Small shape utilities shared by the op classes. */
final class Shapes {
    private Shapes() {}

    /** The element count; a shape whose count does not fit a long (only expand and broadcasting make one) is refused. */
    static long numel(long[] shape) {
        long n = product(shape);
        if (n < 0) throw new IllegalArgumentException("numel: integer multiplication overflow");
        return n;
    }

    /** The product of the sizes (non-negative), or -1 when it overflows a long; 0 if any size is 0. */
    private static long product(long[] shape) {
        long n = 1;
        boolean overflow = false;
        for (long s : shape) {
            if (s == 0) return 0;
            long hi = Math.multiplyHigh(n, s);
            n *= s;
            overflow |= hi != 0 || n < 0;
        }
        return overflow ? -1 : n;
    }

    /** Wraps a possibly negative dim into [0, rank), with PyTorch's error. */
    static int wrapDim(long dim, int rank) {
        int r = Math.max(rank, 1); // scalars accept dim 0 and -1
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-r) + ", "
                    + (r - 1) + "], but got " + dim + ")");
        }
        return (int) (dim < 0 ? dim + r : dim);
    }

    /**
     * {@link #wrapDim} for the ops that need a real dim (PyTorch's {@code wrap_scalar=false}): {@code size},
     * {@code stride}, {@code unflatten}; a scalar has none.
     */
    static int wrapRealDim(long dim, int rank) {
        if (rank == 0) throw new IndexOutOfBoundsException("Dimension specified as " + dim + " but tensor has no dimensions");
        return wrapDim(dim, rank);
    }

    /** PyTorch's list format for error messages: {@code [2, 3]}. */
    static String str(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }

    static long[] checkSizes(long[] shape) {
        for (long s : shape) {
            if (s < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": "
                    + str(shape));
        }
        if (product(shape) < 0) throw new IllegalArgumentException("Storage size calculation overflowed with sizes=" + str(shape));
        return shape.clone();
    }

    static boolean[] dimMask(int[] dims, int rank) {
        boolean[] m = new boolean[rank];
        for (int d : dims) {
            int w = wrapDim(d, rank);
            if (m[w]) throw new IllegalArgumentException("dim " + w + " appears multiple times in the list of dims");
            m[w] = true;
        }
        return m;
    }
}

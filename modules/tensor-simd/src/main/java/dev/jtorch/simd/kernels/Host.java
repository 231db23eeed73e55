package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;

/** Finds the Java array behind a strided operand and the index of its first element. */
public final class Host {
    private Host() {}

    /**
     * True when the kernels can work on the operand's primitive array directly: the storage is a heap
     * array of the Java type that matches the dtype, and the view starts on an element boundary.
     */
    public static boolean arrayBacked(Strided s) {
        if (!(s.storage() instanceof HostStorage h)) return false;
        Object a = h.array();
        if (a == null || h.arrayBaseOffset() % s.dtype().itemSize() != 0) return false;
        return switch (s.dtype()) {
            case FLOAT32 -> a instanceof float[];
            case FLOAT64 -> a instanceof double[];
            case INT64 -> a instanceof long[];
            case INT32 -> a instanceof int[];
            case FLOAT16, BFLOAT16, INT16 -> a instanceof short[];
            case INT8, UINT8, BOOL -> a instanceof byte[];
        };
    }

    /** The backing array (float[], double[], long[], int[], short[] or byte[]). */
    public static Object array(Strided s) { return ((HostStorage) s.storage()).array(); }

    /** Index in {@link #array} of the view's element 0. */
    public static int base(Strided s) {
        if (!(s.storage() instanceof HostStorage h) || h.array() == null) return Math.toIntExact(s.offset());
        return Math.toIntExact(h.arrayBaseOffset() / s.dtype().itemSize() + s.offset());
    }

    /** Element i of a float[] or double[], as a double (the reference loops' element access). */
    public static double floating(Object array, int i) { return array instanceof float[] f ? f[i] : ((double[]) array)[i]; }

    /** Stores v at element i of a float[] (rounded) or double[]. */
    public static void setFloating(Object array, int i, double v) {
        if (array instanceof float[] f) f[i] = (float) v;
        else ((double[]) array)[i] = v;
    }

    /** A zero-filled contiguous host tensor of the given dtype and shape. */
    public static Strided allocate(DType dtype, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return new Strided(HostStorage.allocate(dtype, n), dtype, shape.clone(), Strided.contiguousStrides(shape), 0);
    }
}

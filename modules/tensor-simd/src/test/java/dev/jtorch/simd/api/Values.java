package dev.jtorch.simd.api;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.spi.HostStorage;

/** Reads a tensor's elements back in row-major order (tests only; Interop belongs to another issue). */
final class Values {
    private Values() {}

    static double[] doubles(Tensor t) {
        Tensor c = t.to(DType.FLOAT64).contiguous();
        double[] all = (double[]) ((HostStorage) c.untypedStorage()).array();
        int off = (int) c.storageOffset();
        return java.util.Arrays.copyOfRange(all, off, off + (int) c.numel());
    }

    static long[] longs(Tensor t) {
        Tensor c = t.to(DType.INT64).contiguous();
        long[] all = (long[]) ((HostStorage) c.untypedStorage()).array();
        int off = (int) c.storageOffset();
        return java.util.Arrays.copyOfRange(all, off, off + (int) c.numel());
    }
}

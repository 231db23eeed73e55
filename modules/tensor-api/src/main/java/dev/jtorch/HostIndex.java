package dev.jtorch;

import dev.jtorch.spi.HostStorage;

/**
 * Index data on the host. Positions are small int64 tensors without gradients, so the indexing ops
 * read them into Java arrays to validate them (PyTorch's messages name the first bad value) and to
 * compute linear offsets, then hand the kernels a fresh int64 tensor on the data's device.
 */
final class HostIndex {
    private HostIndex() {}

    /** The values of an integral or bool tensor in row-major order (a fresh array). */
    static long[] longs(Tensor t) {
        Tensor h = t.device().isCpu() ? t : Elementwise.toDevice(t, Device.CPU);
        Tensor c = MemoryScope.keep(Elementwise.castRaw(h, DType.INT64)); // the array outlives the tensor
        return (long[]) ((HostStorage) c.storage).array();
    }

    /** An int64 tensor over {@code values} on {@code device}. */
    static Tensor tensor(long[] values, long[] shape, Device device) {
        Tensor t = Creation.wrap(HostStorage.wrapArray(values, DType.INT64), DType.INT64, values.length, shape);
        return device.isCpu() ? t : Elementwise.toDevice(t, device);
    }

    static Tensor tensor(long[] values, Device device) { return tensor(values, new long[]{values.length}, device); }

    /** Coordinates of the non-zero elements, as {@link Tensor#nonzero()}: {@code [n][dim]} flattened row-major. */
    static long[] nonzeroCoords(Tensor t) { return longs(Indexing.nonzero(t)); }

    /** Copies {@code src} (of {@code srcShape}) broadcast to {@code target}, row-major. */
    static long[] broadcast(long[] src, long[] srcShape, long[] target) {
        if (java.util.Arrays.equals(srcShape, target)) return src;
        long[] st = Broadcast.expandedStrides(srcShape, dev.jtorch.spi.Strided.contiguousStrides(srcShape), target);
        long[] offs = offsets(target, st);
        long[] out = new long[offs.length];
        for (int i = 0; i < out.length; i++) out[i] = src[(int) offs[i]];
        return out;
    }

    /** Offsets {@code sum(coord[d] * strides[d])} of every position of {@code shape}, row-major. */
    static long[] offsets(long[] shape, long[] strides) {
        long[] out = new long[Math.toIntExact(Shapes.numel(shape))];
        int nd = shape.length;
        long[] coord = new long[nd];
        long off = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = off;
            for (int d = nd - 1; d >= 0; d--) {
                if (++coord[d] < shape[d]) {
                    off += strides[d];
                    break;
                }
                off -= strides[d] * (coord[d] - 1);
                coord[d] = 0;
            }
        }
        return out;
    }
}

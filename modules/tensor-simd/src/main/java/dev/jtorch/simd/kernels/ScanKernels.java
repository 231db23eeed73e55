package dev.jtorch.simd.kernels;

import dev.jtorch.ops.ScanOp;
import dev.jtorch.spi.Strided;

/** Inclusive scans along one dim. float32 accumulates in double, as PyTorch's CPU cumsum/cumprod. */
public final class ScanKernels {
    private ScanKernels() {}

    public static void scan(ScanOp op, Strided in, int dim, Strided out) {
        boolean sum = op == ScanOp.CUMSUM;
        long[] lanes = in.shape().clone();
        lanes[dim] = 1;
        Loop loop = Loop.create(lanes, 0, new long[][]{out.stride(), in.stride()}, new int[]{Host.base(out), Host.base(in)});
        int n = Math.toIntExact(in.shape()[dim]);
        int sdi = Math.toIntExact(in.stride()[dim]), sdo = Math.toIntExact(out.stride()[dim]);
        int so = loop.innerStride(0), si = loop.innerStride(1);
        if (n == 0) return;
        switch (in.dtype()) {
            case FLOAT64 -> {
                double[] x = (double[]) Host.array(in), y = (double[]) Host.array(out);
                loop.forEach((off, len) -> {
                    for (int e = 0, q0 = off[0], p0 = off[1]; e < len; e++, q0 += so, p0 += si) {
                        double acc = sum ? 0 : 1;
                        for (int j = 0, p = p0, q = q0; j < n; j++, p += sdi, q += sdo) {
                            acc = sum ? acc + x[p] : acc * x[p];
                            y[q] = acc;
                        }
                    }
                });
            }
            case FLOAT32 -> {
                float[] x = (float[]) Host.array(in), y = (float[]) Host.array(out);
                loop.forEach((off, len) -> {
                    for (int e = 0, q0 = off[0], p0 = off[1]; e < len; e++, q0 += so, p0 += si) {
                        double acc = sum ? 0 : 1;
                        for (int j = 0, p = p0, q = q0; j < n; j++, p += sdi, q += sdo) {
                            acc = sum ? acc + x[p] : acc * x[p];
                            y[q] = (float) acc;
                        }
                    }
                });
            }
            case INT64 -> {
                long[] x = (long[]) Host.array(in), y = (long[]) Host.array(out);
                loop.forEach((off, len) -> {
                    for (int e = 0, q0 = off[0], p0 = off[1]; e < len; e++, q0 += so, p0 += si) {
                        long acc = sum ? 0 : 1;
                        for (int j = 0, p = p0, q = q0; j < n; j++, p += sdi, q += sdo) {
                            acc = sum ? acc + x[p] : acc * x[p];
                            y[q] = acc;
                        }
                    }
                });
            }
            default -> throw new IllegalArgumentException("scan: unsupported compute dtype " + in.dtype());
        }
    }
}

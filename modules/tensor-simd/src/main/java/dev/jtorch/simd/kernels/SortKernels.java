package dev.jtorch.simd.kernels;

import dev.jtorch.spi.Strided;

import java.util.Arrays;

/**
 * Sorting along one dim. Each value becomes an integer key whose signed order is the wanted order
 * (NaN largest, -0.0 equal to 0.0, negated for descending); sorting (key, position) pairs is then
 * stable by construction, so one algorithm serves stable and unstable requests.
 */
public final class SortKernels {
    private SortKernels() {}

    public static void sort(Strided in, int dim, boolean descending, boolean stable, Strided values, Strided indices) {
        long[] lanes = in.shape().clone();
        lanes[dim] = 1;
        Loop loop = Loop.create(lanes, 0, new long[][]{values.stride(), indices.stride(), in.stride()},
                new int[]{Host.base(values), Host.base(indices), Host.base(in)});
        int n = Math.toIntExact(in.shape()[dim]);
        if (n == 0) return;
        int sdx = Math.toIntExact(in.stride()[dim]), sdv = Math.toIntExact(values.stride()[dim]);
        int sdi = Math.toIntExact(indices.stride()[dim]);
        int sv = loop.innerStride(0), si = loop.innerStride(1), sx = loop.innerStride(2);
        long[] idx = (long[]) Host.array(indices);
        switch (in.dtype()) {
            case FLOAT32 -> {
                float[] x = (float[]) Host.array(in), y = (float[]) Host.array(values);
                long[] packed = new long[n];
                loop.forEach((off, len) -> {
                    for (int e = 0, pv = off[0], pi = off[1], px = off[2]; e < len; e++, pv += sv, pi += si, px += sx) {
                        for (int j = 0, p = px; j < n; j++, p += sdx) {
                            int key = floatKey(x[p]);
                            if (descending) key = ~key;
                            packed[j] = ((long) key << 32) | j;
                        }
                        Arrays.sort(packed);
                        for (int j = 0, q = pv, r = pi; j < n; j++, q += sdv, r += sdi) {
                            int from = (int) packed[j];
                            y[q] = x[px + from * sdx];
                            idx[r] = from;
                        }
                    }
                });
            }
            case FLOAT64, INT64 -> {
                boolean f64 = in.dtype() == dev.jtorch.DType.FLOAT64;
                Object xa = Host.array(in), ya = Host.array(values);
                long[] keys = new long[n], tk = new long[n];
                int[] order = new int[n], to = new int[n];
                loop.forEach((off, len) -> {
                    for (int e = 0, pv = off[0], pi = off[1], px = off[2]; e < len; e++, pv += sv, pi += si, px += sx) {
                        for (int j = 0, p = px; j < n; j++, p += sdx) {
                            long key = f64 ? doubleKey(((double[]) xa)[p]) : ((long[]) xa)[p];
                            keys[j] = descending ? ~key : key;
                            order[j] = j;
                        }
                        mergeSort(keys, order, n, tk, to);
                        for (int j = 0, q = pv, r = pi; j < n; j++, q += sdv, r += sdi) {
                            int from = order[j];
                            if (f64) ((double[]) ya)[q] = ((double[]) xa)[px + from * sdx];
                            else ((long[]) ya)[q] = ((long[]) xa)[px + from * sdx];
                            idx[r] = from;
                        }
                    }
                });
            }
            default -> throw new IllegalArgumentException("sort: unsupported compute dtype " + in.dtype());
        }
    }

    /** Signed-order key of a float: NaN above +inf, both zeros equal. */
    static int floatKey(float f) {
        if (f != f) return 0x7FC00000;
        if (f == 0) return 0;
        int bits = Float.floatToRawIntBits(f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    static long doubleKey(double d) {
        if (d != d) return 0x7FF8000000000000L;
        if (d == 0) return 0;
        long bits = Double.doubleToRawLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** Stable sort of keys[0..n) carrying order[]; tk/to are scratch of length n. */
    static void mergeSort(long[] keys, int[] order, int n, long[] tk, int[] to) {
        final int run = 24;
        for (int lo = 0; lo < n; lo += run) {
            int hi = Math.min(lo + run, n);
            for (int i = lo + 1; i < hi; i++) {
                long k = keys[i];
                int o = order[i];
                int j = i - 1;
                while (j >= lo && keys[j] > k) {
                    keys[j + 1] = keys[j];
                    order[j + 1] = order[j];
                    j--;
                }
                keys[j + 1] = k;
                order[j + 1] = o;
            }
        }
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width, hi = Math.min(lo + 2 * width, n);
                if (keys[mid - 1] <= keys[mid]) continue; // already in order
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) {
                    if (keys[i] <= keys[j]) { tk[k] = keys[i]; to[k++] = order[i++]; }
                    else { tk[k] = keys[j]; to[k++] = order[j++]; }
                }
                while (i < mid) { tk[k] = keys[i]; to[k++] = order[i++]; }
                while (j < hi) { tk[k] = keys[j]; to[k++] = order[j++]; }
                System.arraycopy(tk, lo, keys, lo, hi - lo);
                System.arraycopy(to, lo, order, lo, hi - lo);
            }
        }
    }
}

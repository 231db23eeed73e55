package dev.jtorch;

import java.util.Arrays;

/** PyTorch's broadcasting rules and their error messages. */
final class Broadcast {
    private Broadcast() {}

    static long[] shapes(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = n - 1; i >= 0; i--) { // PyTorch reports the right-most mismatch
            int ia = a.length - n + i, ib = b.length - n + i;
            long sa = ia >= 0 ? a[ia] : 1, sb = ib >= 0 ? b[ib] : 1;
            if (sa == sb || sb == 1) out[i] = sa;
            else if (sa == 1) out[i] = sb;
            else throw new IllegalArgumentException("The size of tensor a (" + sa + ") must match the size of tensor b ("
                    + sb + ") at non-singleton dimension " + i);
        }
        return out;
    }

    static long[] shapes(long[]... all) {
        long[] r = all[0];
        for (int i = 1; i < all.length; i++) r = shapes(r, all[i]);
        return r;
    }

    /** Layout of {@code t} expanded to {@code target}: broadcast dims get stride 0. */
    static long[] expandedStrides(long[] shape, long[] stride, long[] target) {
        int n = target.length, off = n - shape.length;
        if (off < 0) throw new IllegalArgumentException("cannot expand shape " + Arrays.toString(shape) + " to "
                + Arrays.toString(target));
        long[] st = new long[n];
        for (int i = 0; i < n; i++) {
            if (i < off) { st[i] = 0; continue; }
            long s = shape[i - off];
            if (s == target[i]) st[i] = stride[i - off];
            else if (s == 1) st[i] = 0;
            else throw new IllegalArgumentException("The expanded size of the tensor (" + target[i]
                    + ") must match the existing size (" + s + ") at non-singleton dimension " + i
                    + ".  Target sizes: " + Shapes.str(target) + ".  Tensor sizes: " + Shapes.str(shape));
        }
        return st;
    }
}

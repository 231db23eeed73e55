package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Resampling by F.interpolate to a size or by a scale factor, as PyTorch's {@code nn.Upsample}. */
public class Upsample extends Module {
    /** One of size and scaleFactor is null. */
    public final long[] size;
    public final double[] scaleFactor;
    public final String mode;
    public final Boolean alignCorners;

    /** Scale every spatial dim by {@code scaleFactor} with nearest-neighbour sampling. */
    public Upsample(double scaleFactor) { this(null, new double[]{scaleFactor}, "nearest", null); }

    public Upsample(long[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        if ((size == null) == (scaleFactor == null)) throw new IllegalArgumentException("either size or scale_factor should be defined");
        this.size = size == null ? null : size.clone();
        this.scaleFactor = scaleFactor == null ? null : scaleFactor.clone();
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    @Override
    public Tensor forward(Tensor input) {
        return size != null ? F.interpolate(input, size, mode, alignCorners) : F.interpolate(input, scaleFactor, mode, alignCorners);
    }

    @Override
    protected String extraRepr() {
        String what;
        if (scaleFactor != null) {
            what = "scale_factor=" + (scaleFactor.length == 1 ? py(scaleFactor[0]) : floats(scaleFactor));
        } else {
            what = "size=" + (size.length == 1 ? Long.toString(size[0]) : pyTuple(size));
        }
        return what + ", mode=" + mode;
    }

    private static String floats(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(py(v[i]));
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }
}

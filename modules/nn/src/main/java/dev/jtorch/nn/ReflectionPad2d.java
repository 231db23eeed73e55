package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Pads the last two dims with their reflection, as PyTorch's {@code nn.ReflectionPad2d}. */
public class ReflectionPad2d extends Module {
    /** (left, right, top, bottom); one value given pads every side by it. */
    public final long[] padding;

    public ReflectionPad2d(long... padding) {
        if (padding.length != 1 && padding.length != 4) {
            throw new IllegalArgumentException("padding must be an int or a 4-tuple, got " + padding.length + " values");
        }
        this.padding = padding.length == 1 ? fill(padding[0]) : padding.clone();
    }

    private static long[] fill(long p) {
        long[] r = new long[4];
        java.util.Arrays.fill(r, p);
        return r;
    }

    @Override
    public Tensor forward(Tensor input) { return F.pad(input, padding, "reflect", 0); }

    @Override
    protected String extraRepr() { return pyTuple(padding); }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Pads the last dim with a constant, as PyTorch's {@code nn.ConstantPad1d}. */
public class ConstantPad1d extends Module {
    /** (left, right); one value given pads every side by it. */
    public final long[] padding;
    public final double value;

    public ConstantPad1d(long[] padding, double value) {
        if (padding.length != 1 && padding.length != 2) {
            throw new IllegalArgumentException("padding must be an int or a 2-tuple, got " + padding.length + " values");
        }
        this.padding = padding.length == 1 ? fill(padding[0]) : padding.clone();
        this.value = value;
    }

    /** The same padding on every side. */
    public ConstantPad1d(long padding, double value) { this(new long[]{padding}, value); }

    private static long[] fill(long p) {
        long[] r = new long[2];
        java.util.Arrays.fill(r, p);
        return r;
    }

    @Override
    public Tensor forward(Tensor input) { return F.pad(input, padding, "constant", value); }

    @Override
    protected String extraRepr() { return "padding=" + pyTuple(padding) + ", value=" + py(value); }
}

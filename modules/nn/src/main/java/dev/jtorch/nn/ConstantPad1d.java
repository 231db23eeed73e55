package dev.jtorch.nn;

/** Pads the last dim with a constant, as PyTorch's {@code nn.ConstantPad1d}. */
public class ConstantPad1d extends PadNd {
    public ConstantPad1d(long[] padding, double value) { super(padding, 1, "constant", value); }

    /** The same padding on every side. */
    public ConstantPad1d(long padding, double value) { this(new long[]{padding}, value); }

    @Override
    protected String extraRepr() { return "padding=" + pyTuple(padding) + ", value=" + py(value); }
}

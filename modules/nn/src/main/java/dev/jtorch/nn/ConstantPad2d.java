package dev.jtorch.nn;

/** Pads the last two dims with a constant, as PyTorch's {@code nn.ConstantPad2d}. */
public class ConstantPad2d extends PadNd {
    public ConstantPad2d(long[] padding, double value) { super(padding, 2, "constant", value); }

    /** The same padding on every side. */
    public ConstantPad2d(long padding, double value) { this(new long[]{padding}, value); }

    @Override
    protected String extraRepr() { return "padding=" + pyTuple(padding) + ", value=" + py(value); }
}

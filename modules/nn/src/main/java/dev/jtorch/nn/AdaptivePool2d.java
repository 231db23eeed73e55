package dev.jtorch.nn;

/** What the 2-d adaptive pooling modules share: the output size as given, checked, and its repr. */
public abstract class AdaptivePool2d extends Module {
    /** As given: one size for both dims or {h, w}; a negative entry keeps that input dim (PyTorch's None). */
    public final long[] outputSize;

    protected AdaptivePool2d(long[] outputSize) {
        if (outputSize.length != 1 && outputSize.length != 2) {
            throw new IllegalArgumentException("output_size must be an int or a pair of ints, got " + outputSize.length + " values");
        }
        this.outputSize = outputSize.clone();
    }

    @Override
    protected String extraRepr() {
        if (outputSize.length == 1) return "output_size=" + outputSize[0];
        return "output_size=(" + size(outputSize[0]) + ", " + size(outputSize[1]) + ")";
    }

    private static String size(long v) { return v < 0 ? "None" : Long.toString(v); }
}

package dev.jtorch.nn;

/** What the dropout modules share (PyTorch's {@code _DropoutNd}): the probability, checked, and the repr. */
public abstract class DropoutNd extends Module {
    public final double p;

    protected DropoutNd(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + py(p));
        this.p = p;
    }

    @Override
    protected String extraRepr() { return "p=" + py(p) + ", inplace=False"; }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x·Φ(x) (exact, or its tanh approximation), as PyTorch's {@code nn.GELU}. */
public class GELU extends Module {
    /** {@code "none"} or {@code "tanh"}. */
    public final String approximate;

    public GELU() { this("none"); }

    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh")) throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) { return F.gelu(input, approximate); }

    @Override
    protected String extraRepr() { return "approximate='" + approximate + "'"; }
}

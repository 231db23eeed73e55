package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x clamped to [minVal, maxVal], as PyTorch's {@code nn.Hardtanh}. */
public class Hardtanh extends Module {
    public final double minVal;
    public final double maxVal;

    public Hardtanh() { this(-1.0, 1.0); }

    public Hardtanh(double minVal, double maxVal) {
        if (!(maxVal > minVal)) throw new IllegalArgumentException("max_val must be greater than min_val");
        this.minVal = minVal;
        this.maxVal = maxVal;
    }

    @Override
    public Tensor forward(Tensor input) { return F.hardtanh(input, minVal, maxVal); }

    @Override
    protected String extraRepr() { return "min_val=" + py(minVal) + ", max_val=" + py(maxVal); }
}

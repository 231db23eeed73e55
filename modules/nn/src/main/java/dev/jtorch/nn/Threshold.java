package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x where x &gt; threshold, else value, as PyTorch's {@code nn.Threshold}. */
public class Threshold extends Module {
    public final double threshold;
    public final double value;

    public Threshold(double threshold, double value) {
        this.threshold = threshold;
        this.value = value;
    }

    @Override
    public Tensor forward(Tensor input) { return F.threshold(input, threshold, value); }

    @Override
    protected String extraRepr() { return "threshold=" + py(threshold) + ", value=" + py(value); }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** log(1 + exp(beta·x)) / beta, linear where beta·x exceeds threshold, as PyTorch's {@code nn.Softplus}. */
public class Softplus extends Module {
    public final double beta;
    public final double threshold;
    /** PyTorch's defaults are Python ints and print as such. */
    private final boolean defaults;

    public Softplus() {
        this.beta = 1;
        this.threshold = 20;
        this.defaults = true;
    }

    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
        this.defaults = false;
    }

    @Override
    public Tensor forward(Tensor input) { return F.softplus(input, beta, threshold); }

    @Override
    protected String extraRepr() {
        return defaults ? "beta=1, threshold=20" : "beta=" + py(beta) + ", threshold=" + py(threshold);
    }
}

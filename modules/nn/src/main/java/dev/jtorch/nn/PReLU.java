package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/** x where x &gt; 0, else a learned weight·x (one weight, or one per channel), as PyTorch's {@code nn.PReLU}. */
public class PReLU extends Module {
    public final long numParameters;
    public final Tensor weight;

    public PReLU() { this(1, 0.25); }

    public PReLU(long numParameters) { this(numParameters, 0.25); }

    public PReLU(long numParameters, double init) {
        this.numParameters = numParameters;
        this.weight = registerParameter("weight", Torch.full(new long[]{numParameters}, init));
    }

    @Override
    public Tensor forward(Tensor input) { return F.prelu(input, weight); }

    @Override
    protected String extraRepr() { return "num_parameters=" + numParameters; }
}

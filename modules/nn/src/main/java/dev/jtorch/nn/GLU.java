package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** The gated linear unit a·sigmoid(b) over the two halves of dim, as PyTorch's {@code nn.GLU}. */
public class GLU extends Module {
    public final int dim;

    public GLU() { this(-1); }

    public GLU(int dim) { this.dim = dim; }

    @Override
    public Tensor forward(Tensor input) { return F.glu(input, dim); }

    @Override
    protected String extraRepr() { return "dim=" + dim; }
}

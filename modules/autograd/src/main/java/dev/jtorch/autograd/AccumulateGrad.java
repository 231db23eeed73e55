package dev.jtorch.autograd;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;

/**
 * The node behind a leaf that requires grad: adds incoming gradients into the leaf's {@code grad},
 * across backward calls until the user clears it. Runs before other ready nodes, as in PyTorch.
 */
final class AccumulateGrad extends Node {
    private final Tensor variable;

    AccumulateGrad(Tensor variable) {
        super(new Edge[0], new InputMeta[0], 1, Long.MAX_VALUE);
        this.variable = variable;
    }

    /** The leaf this node accumulates into (PyTorch's {@code AccumulateGrad.variable}). */
    public Tensor variable() { return variable; }

    @Override
    public String name() { return "AccumulateGrad"; }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        Tensor g = gradOutputs[0];
        if (g != null) accumulate(g);
        return new Tensor[0];
    }

    private void accumulate(Tensor g) {
        var access = Internals.access();
        Tensor current = variable.grad();
        if (current == null) {
            // A copy: the incoming tensor may be shared (a user's seed, another edge's gradient, an expand).
            // Under create_graph it is a recorded copy_ into a fresh tensor, as PyTorch's (grad_fn CopyBackwards).
            access.setGrad(variable, GradMode.isEnabled() ? GradOps.emptyForGrad(variable).copy_(g) : GradOps.cloneForGrad(g, variable));
        } else if (!GradMode.isEnabled()) {
            current.add_(g);
        } else {
            // create_graph: the sum keeps the history of both terms.
            access.setGrad(variable, current.add(g));
        }
    }
}

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
    Tensor[] apply(Tensor[] gradOutputs) { return apply(gradOutputs, null); }

    /** As {@link #apply(Tensor[])}, keeping the incoming tensor itself as {@code .grad} when {@code holders} say only the engine holds it. */
    Tensor[] apply(Tensor[] gradOutputs, GradHolders holders) {
        Tensor g = gradOutputs[0];
        if (g != null) accumulate(g, holders);
        return new Tensor[0];
    }

    private void accumulate(Tensor g, GradHolders holders) {
        var access = Internals.access();
        Tensor current = variable.grad();
        if (current == null && holders != null && !GradMode.isEnabled() && holders.soleHolder(g) && ownsWholeStorage(g)) {
            access.setGrad(variable, g); // nobody else can see this memory: no copy, as PyTorch's AccumulateGrad
        } else if (current == null) {
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

    /** A dense gradient in the variable's layout that is all of its storage (no view into something larger). */
    private boolean ownsWholeStorage(Tensor g) {
        return g.storageOffset() == 0 && g.isContiguous() && variable.isContiguous() && g.dtype() == variable.dtype()
                && g.device().equals(variable.device()) && g.size().equals(variable.size())
                && g.untypedStorage().byteSize() == g.numel() * g.dtype().itemSize();
    }
}

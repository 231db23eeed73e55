package dev.jtorch.autograd;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.spi.GradFn;

/**
 * A tensor a node keeps for its backward, with the version it had then: a later in-place write is
 * caught when the backward reads it. Released after a backward that does not retain the graph.
 */
final class SavedTensor {
    private Tensor tensor;
    private final int version;
    /** True when the tensor is an output of the node that saves it. */
    private final boolean isOutput;
    private final int outputNr;
    private boolean released;
    /** The node that saved it (set once the node exists). */
    Node owner;

    SavedTensor(Tensor tensor, boolean isOutput, int outputNr, int version) {
        this.tensor = tensor;
        this.isOutput = isOutput;
        this.outputNr = outputNr;
        this.version = version;
    }

    static SavedTensor of(Tensor t) { return new SavedTensor(t, false, 0, t.version()); }

    Tensor get() {
        if (released) throw new IllegalStateException(Messages.BACKWARD_TWICE);
        Tensor t = tensor;
        int current = t.version();
        if (current != version) {
            var access = Internals.access();
            GradFn producer = isOutput ? owner : access.rawGradFn(t);
            int nr = isOutput ? outputNr : access.outputNr(t);
            throw new IllegalStateException(Messages.modifiedInPlace(t, producer == null ? null : producer.name(), nr,
                    current, version));
        }
        if (isOutput && GradMode.isEnabled()) {
            // Double backward: the saved output must carry the history of the node that made it.
            var access = Internals.access();
            if (access.rawGradFn(t) != owner) {
                Tensor a = access.alias(t);
                access.setHistory(a, owner, outputNr);
                return a;
            }
        }
        return t;
    }

    /** Whether {@code g} uses the memory of the saved tensor (false once released). */
    boolean sharesMemoryWith(Tensor g) {
        return tensor != null && tensor.untypedStorage() == g.untypedStorage();
    }

    void release() {
        tensor = null;
        released = true;
    }
}

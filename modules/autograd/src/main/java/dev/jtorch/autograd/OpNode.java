package dev.jtorch.autograd;

import dev.jtorch.Tensor;
import dev.jtorch.ops.Op;

/** The node of a recorded primitive: its backward is the op's formula from {@link Formulas}. */
final class OpNode extends Node {
    private final String name;
    /** The forward op (named in anomaly reports). */
    final Op op;
    private final Formulas.Backward backward;
    private final SavedTensor[] saved;

    OpNode(String name, Op op, Formulas.Backward backward, SavedTensor[] saved, Edge[] edges, InputMeta[] meta,
           int numOutputs) {
        super(edges, meta, numOutputs);
        this.name = name;
        this.op = op;
        this.backward = backward;
        this.saved = saved;
        for (SavedTensor s : saved) s.owner = this;
    }

    @Override
    public String name() { return name; }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) { return backward.apply(gradOutputs); }

    /** True when {@code g} shares memory with a tensor this node saved (so it must not become anyone's {@code .grad}). */
    boolean savesMemoryOf(Tensor g) {
        for (SavedTensor s : saved) if (s.sharesMemoryWith(g)) return true;
        return false;
    }

    @Override
    void release() {
        for (SavedTensor s : saved) s.release();
    }
}

package dev.jtorch.autograd;

import dev.jtorch.Tensor;

/** What the engine keeps on a tensor: a leaf's gradient accumulator, and a non-leaf's retain_grad hook. */
final class TensorMeta {
    /** The node that adds gradients into a leaf's {@code grad}; made on first use and kept, so hooks stay with it. */
    AccumulateGrad accumulator;
    /** The retain_grad hook and the node it sits on (it moves when an in-place op gives the tensor a new node). */
    Node.PreHook retainHook;
    Node retainHookNode;

    static TensorMeta of(Tensor t) {
        var a = Internals.access();
        Object m = a.meta(t);
        if (m instanceof TensorMeta tm) return tm;
        TensorMeta tm = new TensorMeta();
        a.setMeta(t, tm);
        return tm;
    }

    static TensorMeta peek(Tensor t) {
        return Internals.access().meta(t) instanceof TensorMeta tm ? tm : null;
    }
}

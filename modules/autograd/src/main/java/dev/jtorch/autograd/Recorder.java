package dev.jtorch.autograd;

import dev.jtorch.RemovableHandle;
import dev.jtorch.Tensor;
import dev.jtorch.ops.Op;
import dev.jtorch.spi.GradFn;

import java.lang.ref.WeakReference;
import java.util.function.UnaryOperator;

/** Builds the graph as ops run: nodes for primitives, history rewrites for in-place ops on views, hooks. */
final class Recorder {
    private Recorder() {}

    /** An in-place op's destination, copied before the write because the op's gradient reads its old value. */
    private record Original(Tensor self, int version, Tensor copy) {}

    private static final ThreadLocal<Original> PENDING = new ThreadLocal<>();

    // ---------------------------------------------------------------- edges

    /** Where the gradient of {@code t} goes: its node's output, a leaf's accumulator, or nowhere (null). */
    static Edge gradientEdge(Tensor t) {
        if (t == null) return null;
        GradFn fn = t.gradFn(); // also brings a view's node up to date
        if (fn != null) return new Edge((Node) fn, Internals.access().outputNr(t));
        if (t.requiresGrad()) return new Edge(accumulator(t), 0);
        return null;
    }

    static AccumulateGrad accumulator(Tensor leaf) {
        TensorMeta m = TensorMeta.of(leaf);
        if (m.accumulator == null) m.accumulator = new AccumulateGrad(leaf);
        return m.accumulator;
    }

    // ---------------------------------------------------------------- recording

    static void record(Op op, Tensor[] inputs, Tensor[] outputs) {
        var access = Internals.access();
        boolean inPlace = inputs.length > 0 && outputs.length > 0 && inputs[0] == outputs[0];
        Tensor original = inPlace ? takeOriginal(inputs[0]) : null;
        Edge[] edges = new Edge[inputs.length];
        Node.InputMeta[] meta = new Node.InputMeta[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            edges[i] = gradientEdge(inputs[i]);
            if (edges[i] != null) meta[i] = Node.InputMeta.of(inputs[i]);
        }
        OpNode node = Formulas.build(op, inputs, outputs, edges, meta, original);
        if (Anomaly.isEnabled()) node.forwardTrace = Anomaly.forwardTrace(node.name(), op);
        if (inPlace && access.viewBase(outputs[0]) != null) {
            rebase(outputs[0], node);
            return;
        }
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].isFloatingPoint()) access.setHistory(outputs[i], node, i);
        }
        if (inPlace) moveRetainGrad(outputs[0]);
    }

    /**
     * An in-place op wrote through {@code view}: the base's new history is CopySlices (the op's
     * backward on the view's elements), and the view reads its value out of the base again.
     */
    private static void rebase(Tensor view, Node fn) {
        var access = Internals.access();
        Tensor base = access.viewBase(view);
        CopySlices cs = new CopySlices(base, view, fn, gradientEdge(base));
        if (Anomaly.isEnabled()) cs.forwardTrace = fn.forwardTrace;
        access.setHistory(base, cs, 0);
        moveRetainGrad(base);
        refreshView(view);
        moveRetainGrad(view);
    }

    /** Gives {@code view} a node that selects its elements out of its base's current history. */
    static void refreshView(Tensor view) {
        var access = Internals.access();
        Tensor base = access.viewBase(view);
        Edge baseEdge = gradientEdge(base);
        if (baseEdge == null) return;
        Op op = new Op.AsStrided(view.size().toArray(), view.stride(), view.storageOffset());
        OpNode node = Formulas.build(op, new Tensor[]{base}, new Tensor[]{view}, new Edge[]{baseEdge},
                new Node.InputMeta[]{Node.InputMeta.of(base)}, null);
        access.setHistory(view, node, 0);
    }

    // ---------------------------------------------------------------- in-place originals

    static void beforeInPlace(Tensor self, Op op, Tensor[] others) {
        PENDING.remove();
        boolean otherNeedsGrad = false;
        if (others != null) for (Tensor t : others) otherNeedsGrad |= t != null && t.requiresGrad();
        if (!Formulas.readsOriginalSelf(op, self.requiresGrad(), otherNeedsGrad)) return;
        // A recorded clone, so that double backward also sees the old value's history.
        PENDING.set(new Original(self, self.version(), self.clone()));
    }

    private static Tensor takeOriginal(Tensor self) {
        Original o = PENDING.get();
        if (o == null) return null;
        PENDING.remove();
        return o.self == self && o.version == self.version() - 1 ? o.copy : null;
    }

    // ---------------------------------------------------------------- hooks

    static RemovableHandle registerHook(Tensor t, UnaryOperator<Tensor> hook) {
        GradFn fn = t.gradFn();
        Node node = fn != null ? (Node) fn : accumulator(t);
        Node.PreHook h = node.addPreHook(fn != null ? Internals.access().outputNr(t) : 0, hook, false);
        return () -> node.removePreHook(h);
    }

    static void retainGrad(Tensor t) {
        attachRetainHook(t, TensorMeta.of(t));
    }

    private static void attachRetainHook(Tensor t, TensorMeta m) {
        Node node = (Node) t.gradFn();
        if (node == null) return;
        WeakReference<Tensor> ref = new WeakReference<>(t);
        m.retainHook = node.addPreHook(Internals.access().outputNr(t), g -> {
            retain(ref.get(), g);
            return null;
        }, true);
        m.retainHookNode = node;
    }

    /** retain_grad's hook: the first gradient is copied, later ones are added (out of place, as PyTorch). */
    private static void retain(Tensor t, Tensor g) {
        if (t == null) return;
        var access = Internals.access();
        Tensor current = t.grad();
        access.setGrad(t, current == null ? g.clone() : current.add(g));
    }

    /** A tensor that retains its gradient keeps doing so after an in-place op gives it a new node. */
    private static void moveRetainGrad(Tensor t) {
        if (!t.retainsGrad()) return;
        TensorMeta m = TensorMeta.peek(t);
        if (m == null || m.retainHook == null) return;
        m.retainHookNode.removePreHook(m.retainHook);
        m.retainHook = null;
        attachRetainHook(t, m);
    }
}

package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.spi.GradFn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A node of the backward graph (PyTorch's {@code grad_fn}): it receives the gradients of the
 * forward op's outputs and returns the gradients of its inputs, which flow along
 * {@link #nextFunctions()}.
 */
public abstract class Node implements GradFn {
    private static final AtomicLong NEXT_SEQUENCE = new AtomicLong();

    /** Creation order: the engine runs later nodes first among those that are ready. */
    final long sequenceNr;
    /** One per forward input; null where that input needs no gradient. */
    final Edge[] nextEdges;
    /** Shape, dtype and device of each forward input, to check and fit the gradients this node returns. */
    final InputMeta[] inputMeta;
    /** How many forward outputs (gradients received). */
    final int numOutputs;
    /** Tensor hooks on this node's outputs, in registration order (retain_grad hooks run after the others). */
    private List<PreHook> preHooks;
    /** This node's state in the backward running now (see {@code Engine.Tasks}). */
    Engine.Task engineTask;
    /** Anomaly mode: where the forward op that made this node was called. */
    Throwable forwardTrace;

    Node(Edge[] nextEdges, InputMeta[] inputMeta, int numOutputs) {
        this(nextEdges, inputMeta, numOutputs, NEXT_SEQUENCE.getAndIncrement());
    }

    Node(Edge[] nextEdges, InputMeta[] inputMeta, int numOutputs, long sequenceNr) {
        this.nextEdges = nextEdges;
        this.inputMeta = inputMeta;
        this.numOutputs = numOutputs;
        this.sequenceNr = sequenceNr;
    }

    /** The gradients of the forward inputs (one per edge; null where none) from those of the outputs. */
    abstract Tensor[] apply(Tensor[] gradOutputs);

    /** Frees the tensors saved for backward (after a backward that does not retain the graph). */
    void release() {}

    /** True when forward input {@code i} needs a gradient. */
    final boolean needsInputGrad(int i) { return nextEdges[i] != null; }

    /** Where this node's gradients go, one entry per forward input (PyTorch's {@code next_functions}). */
    public List<Edge> nextFunctions() {
        List<Edge> l = new ArrayList<>(nextEdges.length);
        for (Edge e : nextEdges) l.add(e == null ? new Edge(null, 0) : e);
        return Collections.unmodifiableList(l);
    }

    /** How many forward outputs this node takes gradients for. */
    public int numOutputs() { return numOutputs; }

    @Override
    public String toString() { return "<" + name() + " object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">"; }

    // ---------------------------------------------------------------- hooks

    synchronized PreHook addPreHook(int outputNr, UnaryOperator<Tensor> fn, boolean retainsGrad) {
        PreHook h = new PreHook(outputNr, fn, retainsGrad);
        List<PreHook> l = preHooks == null ? new ArrayList<>(1) : new ArrayList<>(preHooks);
        l.add(h);
        preHooks = l;
        return h;
    }

    synchronized void removePreHook(PreHook h) {
        if (preHooks == null) return;
        List<PreHook> l = new ArrayList<>(preHooks);
        l.remove(h);
        preHooks = l.isEmpty() ? null : l;
    }

    /** Runs the tensor hooks on the incoming gradients: their results replace the gradients. */
    final Tensor[] runPreHooks(Tensor[] grads) {
        List<PreHook> hooks = preHooks;
        if (hooks == null) return grads;
        Tensor[] g = Arrays.copyOf(grads, grads.length);
        for (int pass = 0; pass < 2; pass++) {
            for (PreHook h : hooks) {
                if (h.retainsGrad != (pass == 1) || g[h.outputNr] == null) continue;
                Tensor r = h.fn.apply(g[h.outputNr]);
                if (r != null) g[h.outputNr] = r;
            }
        }
        return g;
    }

    /** A hook on one output's gradient. */
    static final class PreHook {
        final int outputNr;
        final UnaryOperator<Tensor> fn;
        final boolean retainsGrad;

        PreHook(int outputNr, UnaryOperator<Tensor> fn, boolean retainsGrad) {
            this.outputNr = outputNr;
            this.fn = fn;
            this.retainsGrad = retainsGrad;
        }
    }

    /** What a forward input looked like: its gradient must match. */
    record InputMeta(long[] shape, DType dtype, Device device) {
        static InputMeta of(Tensor t) { return new InputMeta(GradOps.shapeOf(t), t.dtype(), t.device()); }
    }
}

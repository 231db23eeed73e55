package dev.jtorch.autograd;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * A differentiable operation with a hand-written backward, as {@code torch.autograd.Function}.
 * <pre>{@code
 * class Exp extends Function {
 *     protected Tensor[] forward(FunctionCtx ctx, Tensor... in) {
 *         Tensor y = in[0].exp();
 *         ctx.saveForBackward(y);
 *         return new Tensor[]{y};
 *     }
 *     protected Tensor[] backward(FunctionCtx ctx, Tensor... grad) {
 *         return new Tensor[]{grad[0].mul(ctx.savedTensors()[0])};
 *     }
 * }
 * Tensor y = new Exp().apply(x);
 * }</pre>
 * forward runs without recording; the outputs get a node named {@code <ClassName>Backward}.
 */
public abstract class Function {
    protected Function() {}

    /** Computes the outputs (grad mode is off here). */
    protected abstract Tensor[] forward(FunctionCtx ctx, Tensor... inputs);

    /** One gradient per forward input (null where none), from one per output. */
    protected abstract Tensor[] backward(FunctionCtx ctx, Tensor... gradOutputs);

    /** The node's name: PyTorch uses the class name followed by {@code Backward}. */
    protected String name() {
        String n = getClass().getSimpleName();
        if (n.isEmpty()) n = getClass().getName().substring(getClass().getName().lastIndexOf('.') + 1);
        return n + "Backward";
    }

    /** Runs a function with exactly one output. */
    public final Tensor apply(Tensor... inputs) {
        Tensor[] out = applyAll(inputs);
        if (out.length != 1) {
            throw new IllegalStateException(name() + ": forward returned " + out.length + " outputs; use applyAll");
        }
        return out[0];
    }

    /** Runs the function: forward without recording, then the outputs get this function's node. */
    public final Tensor[] applyAll(Tensor... inputs) {
        boolean record = GradMode.isEnabled();
        boolean[] needs = new boolean[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            needs[i] = record && inputs[i] != null && inputs[i].requiresGrad();
            any |= needs[i];
        }
        Edge[] edges = new Edge[inputs.length];
        Node.InputMeta[] meta = new Node.InputMeta[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (needs[i]) {
                edges[i] = Recorder.gradientEdge(inputs[i]);
                meta[i] = Node.InputMeta.of(inputs[i]);
            }
        }
        FunctionCtx ctx = new FunctionCtx(needs);
        Tensor[] outputs;
        try (var _ = GradMode.noGrad()) {
            outputs = forward(ctx, inputs);
        }
        outputs = outputs.clone();
        if (!any) {
            ctx.finishSaving(outputs, null);
            return outputs;
        }
        CustomNode node = new CustomNode(this, ctx, edges, meta, outputs);
        if (Anomaly.isEnabled()) node.forwardTrace = Anomaly.forwardTrace(node.name(), null);
        var access = Internals.access();
        for (int i = 0; i < outputs.length; i++) {
            Tensor o = outputs[i];
            if (o == null || !o.isFloatingPoint() || ctx.isNonDifferentiable(o)) continue;
            if (isInput(o, inputs)) {
                if (ctx.isDirty(o)) {
                    if (o.requiresGrad() && o.isLeaf()) {
                        throw new IllegalStateException("a leaf Variable that requires grad has been used in an in-place operation.");
                    }
                    if (access.viewBase(o) != null) {
                        throw new UnsupportedOperationException(name() + ": markDirty on a view is not supported");
                    }
                } else {
                    // An input returned as it is: the output is a new tensor over the same data, as PyTorch's view_as.
                    o = access.alias(o);
                    outputs[i] = o;
                }
            }
            access.setHistory(o, node, i);
        }
        ctx.finishSaving(outputs, node);
        return outputs;
    }

    private static boolean isInput(Tensor t, Tensor[] inputs) {
        for (Tensor in : inputs) if (in == t) return true;
        return false;
    }

    /** The node of one application of a {@link Function}. */
    static final class CustomNode extends Node {
        private final Function fn;
        private final FunctionCtx ctx;
        private final InputMeta[] outputMeta;

        CustomNode(Function fn, FunctionCtx ctx, Edge[] edges, InputMeta[] meta, Tensor[] outputs) {
            super(edges, meta, outputs.length);
            this.fn = fn;
            this.ctx = ctx;
            this.outputMeta = new InputMeta[outputs.length];
            for (int i = 0; i < outputs.length; i++) if (outputs[i] != null) outputMeta[i] = InputMeta.of(outputs[i]);
        }

        @Override
        public String name() { return fn.name(); }

        @Override
        Tensor[] apply(Tensor[] gradOutputs) {
            Tensor[] g = gradOutputs.clone();
            if (ctx.materializeGrads()) {
                for (int i = 0; i < g.length; i++) {
                    if (g[i] == null && outputMeta[i] != null) {
                        g[i] = Torch.zeros(outputMeta[i].shape(), outputMeta[i].dtype(), outputMeta[i].device());
                    }
                }
            }
            Tensor[] res = fn.backward(ctx, g);
            if (res.length > nextEdges.length) {
                // PyTorch accepts extra trailing gradients only when they are null.
                for (int i = nextEdges.length; i < res.length; i++) {
                    if (res[i] != null) {
                        throw new IllegalStateException("function " + name() + " returned an incorrect number of gradients "
                                + "(expected " + nextEdges.length + ", got " + res.length + ")");
                    }
                }
                res = java.util.Arrays.copyOf(res, nextEdges.length);
            }
            return res;
        }

        @Override
        void release() { ctx.release(); }
    }
}

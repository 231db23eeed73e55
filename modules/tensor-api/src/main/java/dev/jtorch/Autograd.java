package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.spi.AutogradHook;
import dev.jtorch.spi.GradFn;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The dispatcher's side of autograd: the flags on tensors, the in-place checks, and recording
 * through the engine's {@link AutogradHook} (module {@code dev.jtorch.autograd}), which alone gets
 * write access to tensors' autograd state.
 */
final class Autograd {
    private static final AutogradHook HOOK = bind();

    /** {@link Tensor#viewCreation}: a view made with grad mode on, in no_grad, or in inference mode. */
    static final byte VIEW_DEFAULT = 0, VIEW_NO_GRAD = 1, VIEW_INFERENCE = 2;

    private Autograd() {}

    private static AutogradHook bind() {
        AutogradHook h = Backends.autograd().orElse(null);
        if (h != null) h.bind(new TensorAccess());
        return h;
    }

    private static AutogradHook hook() {
        if (HOOK == null) {
            throw new IllegalStateException(
                    "autograd needs the engine: add module dev.jtorch.autograd (jtorch-autograd) to the module path");
        }
        return HOOK;
    }

    // ---------------------------------------------------------------- flags

    static void setRequiresGrad(Tensor t, boolean flag) {
        if (!t.isLeaf()) {
            if (!flag) {
                throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want to use "
                        + "a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
            }
            return;
        }
        if (flag && !t.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("only Tensors of floating point dtype can require gradients");
        }
        t.requiresGrad = flag;
    }

    /** The factories' {@code requires_grad=True} (PyTorch words this check differently from requires_grad_). */
    static Tensor requiringGradAtCreation(Tensor t, boolean flag) {
        if (flag && !t.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("Only Tensors of floating point and complex dtype can require gradients");
        }
        t.requiresGrad = flag;
        return t;
    }

    static boolean requiresGrad(Tensor t) {
        refresh(t);
        return t.requiresGrad;
    }

    static GradFn gradFn(Tensor t) {
        refresh(t);
        return t.gradFn;
    }

    /**
     * A view whose data changed since its node was made (an in-place op on its base or on another
     * view of the base) reads its value out of the base's new history, as PyTorch regenerates it.
     */
    private static void refresh(Tensor t) {
        Tensor base = t.viewBase;
        if (base == null) return;
        int v = t.version.get();
        if (t.gradFnVersion == v) return;
        t.gradFnVersion = v;
        // Views made without grad mode never get history (in-place writes through them are refused with grad mode on).
        if (HOOK != null && base.requiresGrad && t.viewCreation == VIEW_DEFAULT && t.dtype.isFloatingPoint()) {
            HOOK.refreshView(t);
        }
    }

    static void setGrad(Tensor t, Tensor g) {
        if (g != null) {
            if (!Arrays.equals(g.shape, t.shape)) {
                throw new IllegalArgumentException("assigned grad has data of a different size");
            }
            if (g.dtype != t.dtype) throw new IllegalArgumentException("assigned grad has data of a different type");
            if (!g.device().equals(t.device())) throw new IllegalArgumentException("assigned grad has data located on a different device");
        }
        t.grad = MemoryScope.keep(g);
    }

    static void retainGrad(Tensor t) {
        if (!requiresGrad(t)) throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        if (t.isLeaf() || t.retainsGrad) return;
        hook().retainGrad(t);
        t.retainsGrad = true;
    }

    static RemovableHandle registerHook(Tensor t, UnaryOperator<Tensor> fn) {
        if (!requiresGrad(t)) throw new IllegalStateException("cannot register a hook on a tensor that doesn't require gradient");
        return hook().registerHook(t, fn);
    }

    static void detachInPlace(Tensor t) {
        if (t.viewBase != null) {
            throw new IllegalStateException("Can't detach views in-place. Use detach() instead. If you are using "
                    + "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are "
                    + "views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please "
                    + "refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
        }
        t.gradFn = null;
        t.outputNr = 0;
        t.requiresGrad = false;
        t.retainsGrad = false;
    }

    static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        hook().backward(root, gradient, retainGraph, createGraph);
    }

    // ---------------------------------------------------------------- recording

    /** True when an op over these inputs must be recorded. */
    static boolean needsRecord(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && requiresGrad(t)) return true;
        return false;
    }

    /**
     * Records {@code op} when needed: outputs of floating dtype get requires_grad and the node.
     * Ops that never carry gradients are skipped. An in-place op passes its destination as both
     * {@code inputs[0]} and {@code outputs[0]}.
     */
    static void record(Op op, Tensor[] inputs, Tensor... outputs) {
        boolean inPlace = inputs.length > 0 && outputs.length > 0 && inputs[0] == outputs[0];
        if (!inPlace) {
            for (Tensor o : outputs) {
                if (o.viewBase == null) continue;
                // A new view's node is current for the data it sees now.
                o.gradFnVersion = o.version.get();
                if (!GradMode.isEnabled()) o.viewCreation = GradMode.isInferenceMode() ? VIEW_INFERENCE : VIEW_NO_GRAD;
            }
        }
        if (op instanceof Op.NonDifferentiable || !needsRecord(inputs) || !anyFloating(outputs)) return;
        if (HOOK == null) {
            // Without the engine we still propagate requires_grad so user code sees PyTorch's flags.
            for (Tensor o : outputs) if (o.dtype.isFloatingPoint()) o.requiresGrad = true;
            return;
        }
        HOOK.record(op, inputs, outputs);
    }

    private static boolean anyFloating(Tensor[] ts) {
        for (Tensor t : ts) if (t.dtype.isFloatingPoint()) return true;
        return false;
    }

    /** PyTorch refuses in-place ops on leaves that require grad (and on their views) while grad mode is on. */
    static void checkInPlace(Tensor t) {
        checkInPlace(t, null);
    }

    /**
     * As {@link #checkInPlace(Tensor)}, for an op whose gradient may read the destination's old
     * value ({@code op} and the op's other inputs say whether it does): the engine keeps a copy.
     */
    static void checkInPlace(Tensor t, Op op, Tensor... others) {
        if (!GradMode.isEnabled()) return;
        Tensor base = t.viewBase;
        if (base != null && base.requiresGrad && t.viewCreation != VIEW_DEFAULT) {
            throw new IllegalStateException(t.viewCreation == VIEW_NO_GRAD
                    ? "A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that "
                    + "this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both "
                    + "the view and the inplace either both inside the no_grad block (if you don't want the inplace to be "
                    + "tracked) or both outside (if you want the inplace to be tracked)."
                    : "A view was created in inference mode and is being modified inplace in normal mode. Given that this use "
                    + "case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view "
                    + "and the inplace either both inside the inference_mode block (if you don't want the inplace to be "
                    + "tracked) or both outside (if you want the inplace to be tracked).");
        }
        if (base != null && base.requiresGrad && base.gradFn == null) {
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an in-place operation.");
        }
        if (requiresGrad(t) && t.gradFn == null) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        }
        if (HOOK != null && op != null) HOOK.beforeInPlace(t, op, others);
    }

    /**
     * For the in-place layout ops ({@code t_}, {@code squeeze_} ...): {@code x} takes the history of
     * {@code v}, the view of x recorded for the new layout, whose next edge is x's old history.
     */
    static void adoptHistory(Tensor x, Tensor v) {
        if (v.gradFn == null) return;
        x.gradFn = v.gradFn;
        x.outputNr = v.outputNr;
        x.requiresGrad = v.requiresGrad;
        x.gradFnVersion = x.version.get();
    }

    // ---------------------------------------------------------------- the engine's access

    private static final class TensorAccess implements AutogradHook.Access {
        @Override
        public void setHistory(Tensor t, GradFn fn, int outputNr) {
            t.gradFn = fn;
            t.outputNr = outputNr;
            if (fn != null) t.requiresGrad = true;
            t.gradFnVersion = t.version.get();
        }

        @Override
        public void setRequiresGrad(Tensor t, boolean flag) { t.requiresGrad = flag; }

        @Override
        public GradFn rawGradFn(Tensor t) { return t.gradFn; }

        @Override
        public int outputNr(Tensor t) { return t.outputNr; }

        @Override
        public Tensor viewBase(Tensor t) { return t.viewBase; }

        @Override
        public boolean isWrappedNumber(Tensor t) { return t.wrappedNumber; }

        @Override
        public Object meta(Tensor t) { return t.autogradMeta; }

        @Override
        public void setMeta(Tensor t, Object meta) { t.autogradMeta = meta; }

        @Override
        public Tensor alias(Tensor t) {
            Tensor a = new Tensor(t.storage, t.dtype, t.shape, t.stride, t.offset, t.version, false);
            a.viewBase = t.viewBase != null ? t.viewBase : t;
            a.gradFnVersion = t.version.get();
            return a;
        }

        @Override
        public void setGrad(Tensor t, Tensor grad) { t.grad = MemoryScope.keep(grad); }
    }
}

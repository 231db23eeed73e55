package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.spi.AutogradHook;

/** The dispatcher's side of autograd: flags on tensors, and recording through the hook. */
final class Autograd {
    private Autograd() {}

    static void setRequiresGrad(Tensor t, boolean flag) {
        if (!t.isLeaf()) {
            if (!flag) {
                throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want to use "
                        + "a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
            }
            return;
        }
        if (flag && !(t.dtype.isFloatingPoint())) {
            throw new IllegalArgumentException("only Tensors of floating point and complex dtype can require gradients");
        }
        t.requiresGrad = flag;
    }

    static void setGrad(Tensor t, Tensor g) {
        if (g != null) {
            if (!java.util.Arrays.equals(g.shape, t.shape)) {
                throw new IllegalArgumentException("assigned grad has data of a different size");
            }
            if (g.dtype != t.dtype) throw new IllegalArgumentException("assigned grad has data of a different type");
            if (!g.device().equals(t.device())) throw new IllegalArgumentException("assigned grad has data located on a different device");
        }
        t.grad = g;
    }

    static void retainGrad(Tensor t) {
        if (!t.requiresGrad) throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        if (!t.isLeaf()) t.retainsGrad = true;
    }

    static void detachInPlace(Tensor t) {
        t.gradFn = null;
        t.requiresGrad = false;
        t.viewBase = null;
    }

    static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        hook().backward(root, gradient, retainGraph, createGraph);
    }

    private static AutogradHook hook() {
        return Backends.autograd().orElseThrow(() -> new IllegalStateException(
                "backward needs the autograd engine: add module dev.jtorch.autograd to the module path"));
    }

    /** True when an op over these inputs must be recorded. */
    static boolean needsRecord(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad) return true;
        return false;
    }

    /**
     * Records {@code op} when needed; outputs of floating dtype get requires_grad and the node.
     * Ops that never carry gradients are skipped.
     */
    static void record(Op op, Tensor[] inputs, Tensor... outputs) {
        if (op instanceof Op.NonDifferentiable || !needsRecord(inputs)) return;
        var hook = Backends.autograd();
        if (hook.isEmpty()) {
            // Without the engine we still propagate requires_grad so user code sees PyTorch's flags.
            for (Tensor o : outputs) if (o.dtype.isFloatingPoint()) o.requiresGrad = true;
            return;
        }
        var fn = hook.get().record(op, inputs, outputs);
        for (Tensor o : outputs) {
            if (o.dtype.isFloatingPoint()) {
                o.requiresGrad = true;
                o.gradFn = fn;
            }
        }
    }

    /** PyTorch refuses in-place ops on leaves that require grad while grad mode is on. */
    static void checkInPlace(Tensor t) {
        if (GradMode.isEnabled() && t.requiresGrad && t.isLeaf()) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        }
    }
}

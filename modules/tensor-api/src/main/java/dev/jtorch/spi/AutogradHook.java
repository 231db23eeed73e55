package dev.jtorch.spi;

import dev.jtorch.RemovableHandle;
import dev.jtorch.Tensor;
import dev.jtorch.ops.Op;

import java.util.function.UnaryOperator;

/**
 * The dispatcher's link to the autograd engine, provided by module {@code dev.jtorch.autograd}
 * through {@link java.util.ServiceLoader}. Without it, tensors still compute and carry PyTorch's
 * {@code requires_grad} flags; {@code backward} explains that the module is missing.
 *
 * <p>The engine needs to write tensors' autograd state (their node, output number and per-tensor
 * data); tensor.api hands it an {@link Access} once, through {@link #bind}, and to nobody else.
 */
public interface AutogradHook {
    /** Called once, before any other method, with write access to tensors' autograd state. */
    void bind(Access access);

    /**
     * Called after a primitive ran in grad mode with at least one input that requires grad and at
     * least one floating output. Gives the floating outputs their node ({@link Access#setHistory}).
     * An in-place op passes its destination as both {@code inputs[0]} and {@code outputs[0]}.
     */
    void record(Op op, Tensor[] inputs, Tensor[] outputs);

    /**
     * Called before an in-place op overwrites {@code self}, so the engine can keep the original
     * value when the op's gradient needs it (mul_, pow_, sin_ ...). {@code op} may be null when the
     * op's gradient never reads its destination's old value.
     */
    void beforeInPlace(Tensor self, Op op, Tensor[] others);

    /**
     * The data under {@code view} changed since its node was made (an in-place op on its base or on
     * another view of it): gives the view a node that reads it out of its base's current history.
     */
    void refreshView(Tensor view);

    /** Runs backward from {@code root} seeded with {@code gradient} (null: implicit ones for a scalar). */
    void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph);

    /** A hook called with the gradient of {@code t}; a non-null result replaces that gradient. */
    RemovableHandle registerHook(Tensor t, UnaryOperator<Tensor> hook);

    /** Keeps the gradient of the non-leaf {@code t} in its {@code grad} after backward. */
    void retainGrad(Tensor t);

    /** Write access to the autograd state of tensors; only the bound hook ever holds one. */
    interface Access {
        /** Makes {@code fn}'s output {@code outputNr} the history of {@code t} (and sets requires_grad). */
        void setHistory(Tensor t, GradFn fn, int outputNr);

        /** Sets requires_grad without any check (custom functions' outputs, detaching). */
        void setRequiresGrad(Tensor t, boolean flag);

        /** The node of {@code t} as stored, without refreshing a view's node. */
        GradFn rawGradFn(Tensor t);

        /** Which output of its node {@code t} is. */
        int outputNr(Tensor t);

        /** The tensor {@code t} is a view of, or null. */
        Tensor viewBase(Tensor t);

        /** True for a Java number wrapped as a 0-dim tensor (it never carries a gradient). */
        boolean isWrappedNumber(Tensor t);

        /** The engine's per-tensor data (grad accumulator, hooks), or null. */
        Object meta(Tensor t);

        void setMeta(Tensor t, Object meta);

        /** A new tensor object over {@code t}'s data (same layout and version counter) with no history. */
        Tensor alias(Tensor t);

        /** Sets {@code t.grad} without checks (the engine has already matched shape and dtype). */
        void setGrad(Tensor t, Tensor grad);
    }
}

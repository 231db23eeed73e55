package dev.jtorch.spi;

import dev.jtorch.Tensor;
import dev.jtorch.ops.Op;

/**
 * The dispatcher's link to the autograd engine, provided by module {@code dev.jtorch.autograd}
 * through {@link java.util.ServiceLoader}. Without it, tensors still compute; {@code backward}
 * explains that the module is missing.
 */
public interface AutogradHook {
    /**
     * Called after a primitive ran in grad mode with at least one input that requires grad.
     * Returns the node to attach to the outputs that carry a gradient.
     */
    GradFn record(Op op, Tensor[] inputs, Tensor[] outputs);

    /** Runs backward from {@code root} seeded with {@code gradient} (null: implicit ones for a scalar). */
    void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph);
}

package dev.jtorch.spi;

/**
 * The autograd node that produced a tensor (PyTorch's {@code grad_fn}); implemented by the autograd
 * module, whose {@code dev.jtorch.autograd.Node} adds the graph's edges.
 */
public interface GradFn {
    /** PyTorch's node name, e.g. {@code AddBackward0}. */
    String name();
}

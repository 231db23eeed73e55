package dev.jtorch.spi;

/** The autograd node that produced a tensor; implemented by the autograd module. */
public interface GradFn {
    /** PyTorch's node name, e.g. {@code AddBackward0}. */
    String name();
}

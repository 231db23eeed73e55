package dev.jtorch.autograd;

/** Analytical and numerical gradients disagree (PyTorch's {@code GradcheckError}). */
public final class GradcheckError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GradcheckError(String message) { super(message); }
}

package dev.jtorch;

/**
 * Thread-local grad mode, as {@code torch.no_grad()} / {@code torch.enable_grad()} /
 * {@code torch.inference_mode()}: scopes are nestable and restore the previous mode on close.
 * <pre>{@code try (var g = GradMode.noGrad()) { ... } }</pre>
 */
public final class GradMode {
    /** [0]: grad mode on; [1]: inference mode on. One array per thread, so a scope costs no allocation beyond itself. */
    private static final ThreadLocal<boolean[]> STATE = ThreadLocal.withInitial(() -> new boolean[]{true, false});

    private GradMode() {}

    public static boolean isEnabled() { return STATE.get()[0]; }

    public static void setEnabled(boolean enabled) { STATE.get()[0] = enabled; }

    /** True inside {@link #inferenceMode()} (PyTorch's {@code torch.is_inference_mode_enabled()}). */
    public static boolean isInferenceMode() { return STATE.get()[1]; }

    /** A scope in which ops record no history. */
    public static Scope noGrad() { return new Scope(false, isInferenceMode()); }

    /** A scope in which ops record history again. */
    public static Scope enableGrad() { return new Scope(true, false); }

    /** Like {@link #noGrad()}, for code that will never need gradients (PyTorch's {@code inference_mode}). */
    public static Scope inferenceMode() { return new Scope(false, true); }

    /** Restores the previous grad mode when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previousEnabled;
        private final boolean previousInference;
        private boolean closed;

        private Scope(boolean enabled, boolean inference) {
            boolean[] s = STATE.get();
            previousEnabled = s[0];
            previousInference = s[1];
            s[0] = enabled;
            s[1] = inference;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                boolean[] s = STATE.get();
                s[0] = previousEnabled;
                s[1] = previousInference;
            }
        }
    }
}

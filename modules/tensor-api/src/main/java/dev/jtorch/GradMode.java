package dev.jtorch;

/**
 * Thread-local grad mode, as {@code torch.no_grad()} / {@code torch.enable_grad()}: scopes are
 * nestable and restore the previous mode on close.
 * <pre>{@code try (var g = GradMode.noGrad()) { ... } }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[]{true});

    private GradMode() {}

    public static boolean isEnabled() { return ENABLED.get()[0]; }

    public static void setEnabled(boolean enabled) { ENABLED.get()[0] = enabled; }

    /** A scope in which ops record no history. */
    public static Scope noGrad() { return new Scope(false); }

    /** A scope in which ops record history again. */
    public static Scope enableGrad() { return new Scope(true); }

    /** Restores the previous grad mode when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;
        private boolean closed;

        private Scope(boolean enabled) {
            previous = isEnabled();
            setEnabled(enabled);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                setEnabled(previous);
            }
        }
    }
}

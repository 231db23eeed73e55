package dev.jtorch.autograd;

import dev.jtorch.ops.Op;

/**
 * Anomaly detection, as {@code torch.autograd.detect_anomaly()}: while on, each node remembers
 * where its forward op was called, and a backward that produces NaN fails naming that node, with
 * the forward call's stack as the cause.
 * <pre>{@code try (var _ = Anomaly.detect()) { loss.backward(); } }</pre>
 */
public final class Anomaly {
    private static volatile boolean enabled;

    private Anomaly() {}

    public static boolean isEnabled() { return enabled; }

    /** As {@code torch.autograd.set_detect_anomaly(on)}. */
    public static void setEnabled(boolean on) { enabled = on; }

    /** Turns anomaly detection on until the scope closes. */
    public static Scope detect() { return new Scope(); }

    /** Restores the previous setting when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous = enabled;
        private boolean closed;

        private Scope() { enabled = true; }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                enabled = previous;
            }
        }
    }

    /** The stack of the forward call that is making {@code node}. */
    static Throwable forwardTrace(String nodeName, Op op) {
        return new ForwardTrace("Error detected in " + nodeName + ". Traceback of forward call that caused the error"
                + (op == null ? "" : " (op " + describe(op) + ")") + ":");
    }

    /** A record's text with its array components spelled out. */
    static String describe(Op op) {
        var parts = new java.util.StringJoiner(", ", op.getClass().getSimpleName() + "[", "]");
        for (var c : op.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(op);
            } catch (ReflectiveOperationException e) {
                return op.toString();
            }
            String text = v instanceof int[] a ? java.util.Arrays.toString(a)
                    : v instanceof long[] a ? java.util.Arrays.toString(a) : String.valueOf(v);
            parts.add(c.getName() + "=" + text);
        }
        return parts.toString();
    }

    /** Carries a forward call's stack (its own stack trace) into backward errors. */
    static final class ForwardTrace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForwardTrace(String message) { super(message); }
    }
}

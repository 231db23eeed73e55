package dev.jtorch;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Automatic mixed precision, as {@code torch.autocast}: inside a scope, the ops of {@link AutocastOp} cast their
 * floating-point inputs by their {@link CastPolicy} (matrix products and convolutions to the low-precision dtype,
 * losses to float32, ...). The casts are differentiable {@code to(dtype)}s, so gradients of float32 parameters come
 * back float32.
 * <pre>{@code
 * try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
 *     Tensor loss = lossFn.forward(model.forward(x), y);
 * }
 * loss.backward();
 * }</pre>
 * State is per thread, as PyTorch's: scopes nest and restore what they found on close. Within the outermost
 * scope, casts of float32 leaf tensors that require grad (the parameters) to the low-precision dtype are cached, so
 * a weight used many times is cast once; the cache is dropped when the outermost scope closes (PyTorch's
 * {@code cache_enabled}).
 */
public final class Autocast {
    /** Threads that have autocast enabled for some device type: zero means every op skips autocast at once. */
    private static volatile int activeThreads;

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private Autocast() {}

    /** One thread's autocast state (PyTorch keeps the same fields thread-local). */
    private static final class State {
        final boolean[] enabled = new boolean[Device.Type.values().length];
        final DType[] dtype = {DType.BFLOAT16, DType.FLOAT16};
        boolean cacheEnabled = true;
        int nesting;
        /** Inside an op that autocast already handled: the ops it is built from are left alone. */
        boolean excluded;
        final Map<Tensor, Tensor> cache = new IdentityHashMap<>();

        boolean anyEnabled() {
            for (boolean e : enabled) if (e) return true;
            return false;
        }

        void setEnabled(Device.Type type, boolean on) {
            boolean before = anyEnabled();
            enabled[type.ordinal()] = on;
            boolean after = anyEnabled();
            if (before != after) changeActive(after ? 1 : -1);
        }
    }

    private static synchronized void changeActive(int delta) { activeThreads += delta; }

    // ---------------------------------------------------------------- scopes

    /** {@code torch.autocast(deviceType)}: enabled, with the device's default dtype (CPU bfloat16, CUDA float16). */
    public static Scope autocast(Device.Type deviceType) {
        return autocast(deviceType, defaultDtype(deviceType), true, isCacheEnabled());
    }

    /** {@code torch.autocast(deviceType, dtype)}. */
    public static Scope autocast(Device.Type deviceType, DType dtype) {
        return autocast(deviceType, dtype, true, isCacheEnabled());
    }

    /** {@code torch.autocast(deviceType, dtype, enabled)}: {@code enabled=false} turns autocast off inside the scope. */
    public static Scope autocast(Device.Type deviceType, DType dtype, boolean enabled) {
        return autocast(deviceType, dtype, enabled, isCacheEnabled());
    }

    /**
     * {@code torch.autocast(deviceType, dtype, enabled, cache_enabled)}. The CPU takes bfloat16 only and CUDA
     * float16 or bfloat16, as PyTorch 1.13 (which warns and disables autocast where this throws).
     */
    public static Scope autocast(Device.Type deviceType, DType dtype, boolean enabled, boolean cacheEnabled) {
        checkDtype(deviceType, dtype);
        return new Scope(deviceType, dtype, enabled, cacheEnabled);
    }

    private static DType defaultDtype(Device.Type type) {
        return type == Device.Type.CPU ? DType.BFLOAT16 : DType.FLOAT16;
    }

    private static void checkDtype(Device.Type type, DType dtype) {
        if (type == Device.Type.CPU && dtype != DType.BFLOAT16) {
            throw new IllegalArgumentException("In CPU autocast, but the target dtype is not supported. "
                    + "CPU Autocast only supports dtype of torch.bfloat16 currently (got " + dtype + ").");
        }
        if (type == Device.Type.CUDA && dtype != DType.FLOAT16 && dtype != DType.BFLOAT16) {
            throw new IllegalArgumentException("In CUDA autocast, but the target dtype is not supported. "
                    + "CUDA Autocast only supports dtype of torch.float16 or torch.bfloat16 currently (got " + dtype + ").");
        }
    }

    /** An autocast region; closing it restores the state it found (and drops the cast cache when outermost). */
    public static final class Scope implements AutoCloseable {
        private final Device.Type type;
        private final boolean previousEnabled;
        private final DType previousDtype;
        private final boolean previousCache;
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private Scope(Device.Type type, DType dtype, boolean enabled, boolean cacheEnabled) {
            State s = STATE.get();
            this.type = type;
            previousEnabled = s.enabled[type.ordinal()];
            previousDtype = s.dtype[type.ordinal()];
            previousCache = s.cacheEnabled;
            s.setEnabled(type, enabled);
            s.dtype[type.ordinal()] = dtype;
            s.nesting++;
            s.cacheEnabled = cacheEnabled;
        }

        @Override
        public void close() {
            if (closed) return;
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("an autocast scope must be closed by the thread that opened it");
            }
            closed = true;
            State s = STATE.get();
            if (--s.nesting == 0) s.cache.clear();
            s.setEnabled(type, previousEnabled);
            s.dtype[type.ordinal()] = previousDtype;
            s.cacheEnabled = previousCache;
        }
    }

    // ---------------------------------------------------------------- state, as torch.is_autocast_enabled & co.

    /** Whether autocast is on for {@code deviceType} in this thread. */
    public static boolean isEnabled(Device.Type deviceType) { return STATE.get().enabled[deviceType.ordinal()]; }

    /** {@code torch.set_autocast_enabled} / {@code set_autocast_cpu_enabled}, without a scope. */
    public static void setEnabled(Device.Type deviceType, boolean enabled) { STATE.get().setEnabled(deviceType, enabled); }

    /** The dtype lower-precision ops run in on {@code deviceType} (bfloat16 on the CPU, float16 on CUDA unless set). */
    public static DType getAutocastDtype(Device.Type deviceType) { return STATE.get().dtype[deviceType.ordinal()]; }

    public static void setAutocastDtype(Device.Type deviceType, DType dtype) {
        checkDtype(deviceType, dtype);
        STATE.get().dtype[deviceType.ordinal()] = dtype;
    }

    public static boolean isCacheEnabled() { return STATE.get().cacheEnabled; }

    public static void setCacheEnabled(boolean enabled) { STATE.get().cacheEnabled = enabled; }

    /** Drops this thread's cached weight casts ({@code torch.clear_autocast_cache}). */
    public static void clearCache() { STATE.get().cache.clear(); }

    /** How many autocast scopes are open in this thread. */
    public static int nesting() { return STATE.get().nesting; }

    // ---------------------------------------------------------------- applying the policy

    /** False when no thread has autocast on: a cheap guard for call sites that must build arguments first. */
    public static boolean maybeActive() { return activeThreads != 0; }

    /**
     * For op implementations: runs {@code body} on the inputs as this thread's autocast state casts them for
     * {@code op}, with autocast off for the ops the body is built from, and returns its result; or returns null,
     * running nothing, when autocast leaves the op alone (off, another device, {@code op} null,
     * {@link CastPolicy#FALLTHROUGH}, or already inside an op it handled). The idiom, at the top of an op (the guard
     * keeps the lambda and the argument array from being built when no thread uses autocast, so an op pays one
     * volatile read):
     * <pre>{@code
     * if (Autocast.maybeActive()
             && Autocast.redo(AutocastOp.MSE_LOSS, t -> mseLoss(t[0], t[1], reduction), input, target)
     *         instanceof Tensor r) return r;
     * }</pre>
     *
     * @throws IllegalArgumentException for an op {@link CastPolicy#BANNED} on the device
     */
    public static Tensor redo(AutocastOp op, java.util.function.Function<Tensor[], Tensor> body, Tensor... args) {
        if (op == null) return null;
        try (OpScope ac = enter(op, args)) {
            return ac == null ? null : body.apply(ac.args);
        }
    }

    /**
     * The inputs {@code op} should run on under this thread's autocast state, or null when autocast leaves the op
     * alone; while the returned scope is open, inner ops are not autocast again ({@link #redo} wraps this).
     * Null arguments are allowed (optional inputs) and come back null.
     *
     * @throws IllegalArgumentException for an op {@link CastPolicy#BANNED} on the device
     */
    public static OpScope enter(AutocastOp op, Tensor... args) {
        if (activeThreads == 0) return null;
        State s = STATE.get();
        if (s.excluded) return null;
        Device.Type type = deviceTypeOf(args);
        if (type == null || !s.enabled[type.ordinal()]) return null;
        CastPolicy policy = op.policy(type);
        if (policy == CastPolicy.FALLTHROUGH) return null;
        Tensor[] cast = args.clone();
        switch (policy) {
            case LOWER_PRECISION_FP -> castAll(s, cast, s.dtype[type.ordinal()], type);
            case FP32 -> castAll(s, cast, DType.FLOAT32, type);
            case PROMOTE -> castAll(s, cast, widest(s.dtype[type.ordinal()], cast, type), type);
            case BANNED -> throw banned(op);
            default -> { } // UNCHANGED: run as given, with nothing inside cast
        }
        s.excluded = true;
        return new OpScope(s, cast);
    }

    /** The casts {@link #enter} made, and the end of the region where inner ops are not autocast again. */
    public static final class OpScope implements AutoCloseable {
        private final State state;
        private final Tensor[] args;

        private OpScope(State state, Tensor[] args) {
            this.state = state;
            this.args = args;
        }

        /** Input {@code i} as the op must use it (cast, or the caller's own tensor). */
        public Tensor arg(int i) { return args[i]; }

        /** All inputs, in the order given to {@link #enter}. */
        public Tensor[] args() { return args.clone(); }

        @Override
        public void close() { state.excluded = false; }
    }

    /** The device type whose autocast state applies: that of the first tensor, skipping CPU scalars beside others. */
    private static Device.Type deviceTypeOf(Tensor[] args) {
        Device.Type first = null;
        for (Tensor t : args) {
            if (t == null) continue;
            Device.Type type = t.device().type();
            if (!(type == Device.Type.CPU && t.dim() == 0)) return type;
            if (first == null) first = type;
        }
        return first;
    }

    /** PyTorch's {@code is_eligible}: a floating, non-float64 tensor on the autocast device. */
    private static boolean eligible(Tensor t, Device.Type type) {
        return t != null && t.dtype.isFloatingPoint() && t.dtype != DType.FLOAT64 && t.device().type() == type;
    }

    private static void castAll(State s, Tensor[] args, DType to, Device.Type type) {
        for (int i = 0; i < args.length; i++) args[i] = cachedCast(s, args[i], to, type);
    }

    /** PyTorch's {@code cached_cast}: parameters (float32 leaves that require grad, not views) cast once per scope. */
    private static Tensor cachedCast(State s, Tensor t, DType to, Device.Type type) {
        if (!eligible(t, type) || t.dtype == to) return t;
        boolean cacheable = s.cacheEnabled && to == s.dtype[type.ordinal()] && t.dtype == DType.FLOAT32
                && t.viewBase == null && t.requiresGrad() && t.isLeaf();
        if (cacheable) {
            Tensor hit = s.cache.get(t);
            if (hit != null) return hit;
        }
        Tensor c = t.to(to);
        if (cacheable) s.cache.put(t, MemoryScope.keep(c)); // the cache may outlive a MemoryScope of one step
        return c;
    }

    /** PyTorch's {@code promote_type}/{@code prioritize}: float32 wins over the low dtype; float64 inputs are ignored. */
    private static DType widest(DType lower, Tensor[] args, Device.Type type) {
        DType current = lower;
        for (Tensor t : args) {
            if (!eligible(t, type)) continue;
            DType next = t.dtype;
            if (current == DType.FLOAT32 || next == DType.FLOAT32) current = DType.FLOAT32;
            else if (next != lower) {
                throw new IllegalArgumentException("Unexpected floating ScalarType in at::autocast::prioritize: "
                        + TypePromotion.shortName(next) + " under autocast to " + TypePromotion.shortName(lower));
            }
        }
        return current;
    }

    private static IllegalArgumentException banned(AutocastOp op) {
        if (op == AutocastOp.BINARY_CROSS_ENTROPY) {
            return new IllegalArgumentException("torch.nn.functional.binary_cross_entropy and torch.nn.BCELoss are unsafe to "
                    + "autocast.\nMany models use a sigmoid layer right before the binary cross entropy layer.\nIn this case, "
                    + "combine the two layers using torch.nn.functional.binary_cross_entropy_with_logits\nor "
                    + "torch.nn.BCEWithLogitsLoss.  binary_cross_entropy_with_logits and BCEWithLogits are\nsafe to autocast.");
        }
        return new IllegalArgumentException(op.pyName() + " is unsafe to autocast");
    }
}

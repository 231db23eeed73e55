package dev.jtorch;

import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Storage;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reuses the memory of CPU tensors from one training step to the next, so that a step allocates no garbage in
 * proportion to its tensors: Java has no reference counts to tell when a tensor dies, so a scope says it instead.
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *     try (var step = MemoryScope.open()) {
 *         optimizer.zeroGrad();
 *         Tensor loss = F.crossEntropy(model.forward(b.input()), b.target());
 *         loss.backward();
 *         optimizer.step();
 *         total += loss.item();
 *     }
 * }
 * }</pre>
 *
 * Every CPU tensor that an op creates on this thread while the scope is open belongs to the scope; when it closes,
 * their memory goes to a pool that later allocations of the same dtype and size take from (re-zeroed), and the
 * tensors become unusable: any later use throws {@link IllegalStateException} instead of reading reused memory.
 * What must outlive the step escapes: a tensor given to {@link #keep}, one that becomes a {@code .grad}, a module's
 * registered parameters and buffers, and what optimizers create in {@code step()} (their state). Tensors made
 * before the scope opened and wrapped Java arrays are never touched. A CUDA tensor made inside goes back to the
 * device's caching allocator when the scope closes (as PyTorch frees it when its last reference goes), instead of
 * when the collector finds it, which on a GPU can be thousands of steps later. One exception, so that a step
 * needs no new memory at all: {@code zeroGrad()} (set to none) inside a scope gives the dropped gradients, made by
 * an earlier scope, to this one ({@link #releaseOnClose}); a reference to an old {@code .grad} kept across it stops
 * working when the scope closes.
 *
 * <p>Scopes nest (a tensor kept in an inner scope then belongs to the outer one) and are per thread; a scope
 * must be closed on its thread, innermost first.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<MemoryScope> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<int[]> UNTRACKED = ThreadLocal.withInitial(() -> new int[1]);

    private final MemoryScope parent;
    private final Thread owner;
    /** The storages this scope gives back on close: host arrays to the pool, device memory to its cache. */
    private final Map<Storage, Boolean> made = new IdentityHashMap<>();
    private boolean closed;

    private MemoryScope(MemoryScope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope on this thread (inside the current one, if any). */
    public static MemoryScope open() {
        MemoryScope s = new MemoryScope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /**
     * Lets {@code t} (its whole storage, so every view of it too) outlive the innermost scope it belongs to: it
     * moves to that scope's parent, or out of all scopes. Returns {@code t}; a tensor of no scope is left as it is.
     */
    public static <T extends Tensor> T keep(T t) {
        if (t != null) {
            for (MemoryScope s = CURRENT.get(); s != null; s = s.parent) {
                if (s.made.remove(t.storage) != null) {
                    if (s.parent != null) s.parent.made.put(t.storage, Boolean.TRUE);
                    break;
                }
            }
        }
        return t;
    }

    /**
     * Hands {@code t}'s memory (its whole storage) to the innermost scope open on this thread, which releases it when
     * it closes. For a tensor that an earlier scope made and let escape and that is now dropped: {@code zeroGrad()}
     * passes the gradients it sets to none, so the next step's gradients reuse their memory. Anything else is left
     * alone: tensors of no scope's making (made outside scopes, wrapped arrays, other devices) and those a scope
     * still holds. Using {@code t} after that scope closes throws.
     */
    public static void releaseOnClose(Tensor t) {
        MemoryScope current = CURRENT.get();
        if (current == null || UNTRACKED.get()[0] > 0 || t == null) return;
        Storage st = t.storage;
        boolean releasable = st instanceof HostStorage hs ? hs.isOwned() : st.canReleaseEarly();
        if (!releasable || st.isReleased()) return;
        for (MemoryScope s = current; s != null; s = s.parent) {
            if (s.made.containsKey(st)) return;
        }
        current.made.put(st, Boolean.TRUE);
    }

    /**
     * Until the returned handle is closed, tensors made on this thread belong to no scope (used by optimizers for
     * their state, which lives across steps).
     */
    public static Untracked untracked() {
        UNTRACKED.get()[0]++;
        return new Untracked();
    }

    /** The handle of {@link #untracked()}. */
    public static final class Untracked implements AutoCloseable {
        private boolean closed;

        private Untracked() {}

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            UNTRACKED.get()[0]--;
        }
    }

    /** Bytes of released tensor memory waiting in the pool for reuse (shared by all threads). */
    public static long pooledBytes() { return HostArrayPool.bytes(); }

    /**
     * Bytes of the tensors made inside scopes so far (all threads, those large enough to pool: 1 KiB and up) that
     * reused pooled memory. With {@link #freshBytes()}, it shows whether a loop of steps runs from the pool.
     */
    public static long reusedBytes() { return HostArrayPool.reusedBytes(); }

    /** Bytes of the tensors made inside scopes so far (1 KiB and up) that needed new memory. */
    public static long freshBytes() { return HostArrayPool.freshBytes(); }

    /**
     * At most this many bytes of released memory stay pooled (default: a quarter of the maximum heap); beyond it the
     * size class pooled first is dropped first. Lowering the limit drops pooled arrays at once.
     */
    public static void setPoolLimit(long bytes) { HostArrayPool.setCap(bytes); }

    /** The pool's limit in bytes (see {@link #setPoolLimit}). */
    public static long poolLimit() { return HostArrayPool.cap(); }

    /** The default pool limit: a quarter of the maximum heap. */
    public static long defaultPoolLimit() { return HostArrayPool.DEFAULT_CAP; }

    /** Drops the pooled memory (as {@code torch.cuda.empty_cache} does for its cache); the collector frees it. */
    public static void emptyPool() { HostArrayPool.clear(); }

    /** Gives the memory of the scope's tensors to the pool; they cannot be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a MemoryScope must be closed by the thread that opened it (" + owner.getName() + ")");
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("MemoryScopes must be closed innermost first: an inner scope is still open");
        }
        closed = true;
        CURRENT.set(parent);
        for (Storage s : made.keySet()) {
            if (s instanceof HostStorage hs) HostArrayPool.give(hs.release());
            else s.releaseEarly();
        }
        made.clear();
    }

    /** Makes a new device storage belong to the scope open on this thread, if any (see {@link #releaseOnClose} for the rules). */
    static void adopt(Storage st) {
        MemoryScope s = CURRENT.get();
        if (s != null && UNTRACKED.get()[0] == 0 && st.canReleaseEarly()) s.made.put(st, Boolean.TRUE);
    }

    /** Storage for a new CPU tensor when a scope is open on this thread, else null; reused memory is zeroed if asked. */
    static HostStorage allocate(DType dtype, long numel, boolean zeroed) {
        MemoryScope s = CURRENT.get();
        if (s == null || UNTRACKED.get()[0] > 0) return null;
        Object pooled = HostArrayPool.take(dtype, numel, zeroed);
        Object array = pooled != null ? pooled : HostArrays.allocate(dtype, HostArrays.checkedLength(numel));
        HostStorage st = HostStorage.owning(array, dtype);
        s.made.put(st, Boolean.TRUE);
        return st;
    }
}

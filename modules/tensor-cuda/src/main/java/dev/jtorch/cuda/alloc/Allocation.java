package dev.jtorch.cuda.alloc;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One block of device memory handed out by {@link CachingAllocator}. It goes back to the cache once: by
 * {@link #close()}, by the scope it was made in, or when the object it was {@linkplain #bindTo bound to} becomes
 * unreachable. The memory may be reused by later work on the same stream only (one stream for now).
 */
public final class Allocation implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CachingAllocator owner;
    private final Block block;
    private final long requested;
    private final AtomicBoolean released = new AtomicBoolean();
    private Cleaner.Cleanable cleanable;

    Allocation(CachingAllocator owner, Block block, long requested) {
        this.owner = owner;
        this.block = block;
        this.requested = requested;
    }

    /** The device address (0 for an empty allocation). */
    public long pointer() { return block == null ? 0 : block.pointer; }

    /** The bytes asked for; the block behind may be larger. */
    public long byteSize() { return requested; }

    public boolean isReleased() { return released.get(); }

    /**
     * Frees the block when {@code holder} becomes unreachable. The cleaning action holds this allocation, never the
     * holder, so the holder can be collected.
     */
    public Allocation bindTo(Object holder) {
        if (cleanable != null) throw new IllegalStateException("allocation already bound");
        cleanable = CLEANER.register(holder, new Release(this));
        return this;
    }

    /** Gives the block back to the cache now; later calls do nothing. */
    @Override
    public void close() {
        if (cleanable != null) cleanable.clean();  // runs Release once and unregisters it
        else release();
    }

    void release() {
        if (released.compareAndSet(false, true) && block != null) owner.free(block);
    }

    /** The Cleaner's action: a static class so that it cannot capture the holder. */
    private record Release(Allocation allocation) implements Runnable {
        @Override
        public void run() { allocation.release(); }
    }
}

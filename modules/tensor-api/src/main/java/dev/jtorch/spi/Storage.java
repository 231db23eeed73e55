package dev.jtorch.spi;

import dev.jtorch.Device;

import java.lang.foreign.MemorySegment;

/**
 * The bytes behind one or more tensors. Views share a storage; {@link #resize} keeps the
 * contents and is seen by every view (as PyTorch's {@code storage().resize_}).
 */
public abstract class Storage {
    public abstract Device device();

    /** Current size in bytes. */
    public abstract long byteSize();

    /** Host-addressable memory; only for storages whose device is the CPU. */
    public abstract MemorySegment segment();

    /** Grows (or shrinks) the storage to {@code newByteSize}, keeping the common prefix. */
    public abstract void resize(long newByteSize);

    /**
     * Whether {@link #releaseEarly} can give this storage's memory back before the collector finds it unreachable
     * (a device storage from a caching allocator). Host storages say no: a {@code MemoryScope} pools their arrays itself.
     */
    public boolean canReleaseEarly() { return false; }

    /**
     * Gives the memory back now, for a {@code MemoryScope} that made this storage and is closing; later use of the
     * storage throws {@link IllegalStateException}. Only where {@link #canReleaseEarly} says so.
     */
    public void releaseEarly() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot release its memory early");
    }

    /** True once the memory was given back ({@link #releaseEarly}, or a host storage's release to a scope's pool). */
    public boolean isReleased() { return false; }
}

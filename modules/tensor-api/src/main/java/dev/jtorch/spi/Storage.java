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
}

package dev.jtorch.cuda;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.cuda.alloc.Allocation;
import dev.jtorch.spi.Storage;

import java.lang.foreign.MemorySegment;

/**
 * Device memory from the caching allocator; the block goes back to the cache when this storage is unreachable, or
 * when the {@code MemoryScope} that made it closes ({@link #releaseEarly}).
 */
final class CudaStorage extends Storage {
    private final CudaDeviceState state;
    private final DType elementType;
    private Allocation allocation;
    private volatile boolean released;

    CudaStorage(CudaDeviceState state, DType elementType, long bytes, boolean zeroed) {
        this.state = state;
        this.elementType = elementType;
        this.allocation = (zeroed ? state.allocateZeroed(bytes) : state.allocate(bytes)).bindTo(this);
    }

    long pointer() {
        checkLive();
        return allocation.pointer();
    }

    DType elementType() { return elementType; }

    CudaDeviceState state() { return state; }

    @Override
    public Device device() { return Device.cuda(state.index()); }

    @Override
    public long byteSize() { return allocation.byteSize(); }

    @Override
    public MemorySegment segment() {
        throw new UnsupportedOperationException("a CUDA tensor's storage is not host memory: copy it with cpu() first");
    }

    @Override
    public boolean canReleaseEarly() { return true; }

    /** The block goes back to the cache now: later kernels on the one stream run after every use already queued. */
    @Override
    public void releaseEarly() {
        if (released) return;
        released = true;
        allocation.close();
    }

    @Override
    public boolean isReleased() { return released; }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("this CUDA tensor was made inside a MemoryScope that has closed, and its memory "
                    + "is back in the caching allocator: keep it with MemoryScope.keep(tensor) inside the scope to use it afterwards");
        }
    }

    @Override
    public void resize(long newByteSize) {
        checkLive();
        if (newByteSize == byteSize()) return;
        Allocation grown = state.allocateZeroed(newByteSize).bindTo(this);
        long keep = Math.min(newByteSize, byteSize());
        if (keep > 0) state.runtime().cudart().copyDeviceToDevice(grown.pointer(), allocation.pointer(), keep);
        Allocation old = allocation;
        allocation = grown;
        old.close();
    }
}

package dev.jtorch.spi;

/**
 * What a non-CPU backend tells about its devices, behind {@link dev.jtorch.Cuda}. Device indices are checked by
 * the caller against {@link #deviceCount()} before any other method is called.
 */
public interface DeviceRuntime {
    /** Whether the devices can be used (libraries found, a driver, at least one device). Never throws. */
    boolean isAvailable();

    /** Why the devices cannot be used, with what was searched; empty when {@link #isAvailable()}. */
    String unavailableReason();

    /** 0 when unavailable. */
    int deviceCount();

    String deviceName(int device);

    /** {@code {free, total}} bytes of the device as its driver sees them. */
    long[] memGetInfo(int device);

    /** Waits for all work queued on the device. */
    void synchronize(int device);

    /** Bytes of device memory held by tensors (as {@code torch.cuda.memory_allocated}). */
    long memoryAllocated(int device);

    /** Bytes reserved from the device by the caching allocator (as {@code torch.cuda.memory_reserved}). */
    long memoryReserved(int device);

    /** The peak of {@link #memoryAllocated} (as {@code torch.cuda.max_memory_allocated}). */
    long maxMemoryAllocated(int device);

    /** Gives the cached, unused device memory back to the driver (as {@code torch.cuda.empty_cache}). */
    void emptyCache();
}

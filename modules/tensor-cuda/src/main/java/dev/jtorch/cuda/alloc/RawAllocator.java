package dev.jtorch.cuda.alloc;

/** The device's own allocator (cudaMalloc/cudaFree), behind an interface so that the cache is tested on the CPU. */
public interface RawAllocator {
    /** {@code bytes} of device memory, or 0 when the device is out of memory; any other failure throws. */
    long malloc(long bytes);

    void free(long pointer);

    /** {@code {free, total}} bytes for the out-of-memory message, or null when unknown. */
    long[] memInfo();
}

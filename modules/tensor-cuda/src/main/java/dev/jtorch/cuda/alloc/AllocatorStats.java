package dev.jtorch.cuda.alloc;

/**
 * A snapshot of the caching allocator's counters (the names of {@code torch.cuda.memory_stats} where they match).
 *
 * @param allocated     bytes in blocks held by live allocations (rounded sizes)
 * @param reserved      bytes obtained from the device and not yet given back
 * @param peakAllocated the highest {@code allocated} since creation or {@link CachingAllocator#resetPeak()}
 * @param rawMallocs    number of device allocations (cudaMalloc) made
 * @param rawFrees      number of device frees (cudaFree) made
 * @param oomRetries    number of times a failed device allocation freed the cache and retried
 * @param activeBlocks  number of live allocations
 */
public record AllocatorStats(long allocated, long reserved, long peakAllocated, long rawMallocs, long rawFrees,
                             long oomRetries, long activeBlocks) {}

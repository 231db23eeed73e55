package dev.jtorch.cuda.alloc;

import dev.jtorch.CudaOutOfMemoryException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** The caching allocator's logic over a fake device. */
class CachingAllocatorTest {
    private static final long KiB = 1024, MiB = 1024 * KiB;

    private final FakeDevice device = new FakeDevice(64 * MiB);
    private final CachingAllocator alloc = new CachingAllocator(device, 0);

    @TestFactory
    Stream<DynamicTest> sizesRoundUpTo512Bytes() {
        long[][] cases = {{1, 512}, {511, 512}, {512, 512}, {513, 1024}, {1000, 1024}, {MiB + 1, MiB + 512}};
        return Stream.of(cases).map(c -> dynamicTest(c[0] + " -> " + c[1], () -> assertEquals(c[1], CachingAllocator.roundSize(c[0]))));
    }

    @TestFactory
    Stream<DynamicTest> segmentsAre2MiBSmall20MiBMediumOrRoundedTo2MiB() {
        long[][] cases = {{512, 2 * MiB}, {MiB, 2 * MiB}, {MiB + 512, 20 * MiB}, {10 * MiB - 512, 20 * MiB},
                {10 * MiB, 10 * MiB}, {11 * MiB, 12 * MiB}, {21 * MiB + 512, 22 * MiB}};
        return Stream.of(cases).map(c -> dynamicTest(c[0] + " -> " + c[1], () -> assertEquals(c[1], CachingAllocator.segmentSize(c[0]))));
    }

    @Test
    void smallRequestsShareOneSegmentSplitIn512ByteSteps() {
        Allocation a = alloc.allocate(100);
        Allocation b = alloc.allocate(600);
        Allocation c = alloc.allocate(512);
        assertEquals(List.of("malloc " + 2 * MiB), device.calls);
        assertEquals(a.pointer() + 512, b.pointer());
        assertEquals(b.pointer() + 1024, c.pointer());
        assertEquals(new AllocatorStats(2048, 2 * MiB, 2048, 1, 0, 0, 3), alloc.stats());
        assertEquals(600, b.byteSize());
    }

    @Test
    void aFreedBlockIsReusedWithoutAskingTheDevice() {
        Allocation a = alloc.allocate(4000);
        long p = a.pointer();
        a.close();
        assertEquals(0, alloc.stats().allocated());
        assertEquals(2 * MiB, alloc.stats().reserved());
        Allocation again = alloc.allocate(3900);
        assertEquals(p, again.pointer());
        assertEquals(1, alloc.stats().rawMallocs());
    }

    @Test
    void freeNeighboursMergeSoALargerRequestFitsWhereTheyWere() {
        Allocation a = alloc.allocate(512);
        Allocation b = alloc.allocate(512);
        Allocation c = alloc.allocate(512);
        b.close();
        a.close();
        Allocation ab = alloc.allocate(1024);
        assertEquals(a.pointer(), ab.pointer(), "a and b merged into one free block of 1024");
        c.close();
        ab.close();
        alloc.emptyCache();
        assertEquals(0, alloc.stats().reserved(), "everything merged back into one whole segment, which was freed");
        assertEquals(List.of("malloc " + 2 * MiB, "free " + 2 * MiB), device.calls);
    }

    @Test
    void theLargePoolSplitsOnlyWhenMoreThan1MiBRemains() {
        Allocation a = alloc.allocate(19 * MiB + 512);   // 20 MiB segment, 0.5 MiB left: not split
        assertEquals(20 * MiB, alloc.stats().allocated());
        a.close();
        Allocation b = alloc.allocate(5 * MiB);           // the cached 20 MiB block, split: 15 MiB stays cached
        Allocation c = alloc.allocate(15 * MiB);
        assertEquals(b.pointer() + 5 * MiB, c.pointer());
        assertEquals(1, alloc.stats().rawMallocs());
        assertEquals(20 * MiB, alloc.stats().allocated());
    }

    @Test
    void smallAndLargeRequestsUseSeparatePools() {
        Allocation big = alloc.allocate(3 * MiB);
        big.close();
        Allocation small = alloc.allocate(1000);          // does not carve the cached 20 MiB block
        assertEquals(2, alloc.stats().rawMallocs());
        assertEquals(22 * MiB, alloc.stats().reserved());
        assertNotEquals(big.pointer(), small.pointer());
    }

    @Test
    void emptyCacheFreesOnlyWhollyFreeSegments() {
        Allocation keep = alloc.allocate(512);
        Allocation drop = alloc.allocate(12 * MiB);
        drop.close();
        alloc.emptyCache();
        assertEquals(2 * MiB, alloc.stats().reserved());
        assertEquals(1, alloc.stats().rawFrees());
        assertEquals(512, alloc.stats().allocated());
        assertFalse(keep.isReleased());
    }

    @Test
    void peakFollowsTheHighestAllocationUntilReset() {
        Allocation a = alloc.allocate(4 * MiB);
        Allocation b = alloc.allocate(4 * MiB);
        a.close();
        b.close();
        assertEquals(8 * MiB, alloc.stats().peakAllocated());
        alloc.resetPeak();
        assertEquals(0, alloc.stats().peakAllocated());
        alloc.allocate(MiB);
        assertEquals(MiB, alloc.stats().peakAllocated());
    }

    @Test
    void closingTwiceFreesOnce() {
        Allocation a = alloc.allocate(512);
        a.close();
        a.close();
        assertEquals(0, alloc.stats().activeBlocks());
        assertEquals(0, alloc.stats().allocated());
    }

    @Test
    void outOfMemoryFreesTheCacheAndRetriesOnce() {
        alloc.allocate(30 * MiB).close();                 // 30 MiB cached
        Allocation big = alloc.allocate(40 * MiB);        // 30 + 40 > 64: the cache goes back, then it fits
        assertEquals(List.of("malloc " + 30 * MiB, "malloc " + 40 * MiB, "free " + 30 * MiB, "malloc " + 40 * MiB), device.calls);
        AllocatorStats s = alloc.stats();
        assertEquals(new AllocatorStats(40 * MiB, 40 * MiB, 40 * MiB, 2, 1, 1, 1), s);
        assertTrue(big.pointer() != 0);
    }

    @Test
    void outOfMemoryAfterTheRetryThrowsWithTheSizeAndTheStatistics() {
        Allocation held = alloc.allocate(40 * MiB);
        AllocatorStats before = alloc.stats();
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> alloc.allocate(30 * MiB - 100));
        assertEquals("CUDA out of memory. Tried to allocate 30.00 MiB (GPU 0; 64.00 MiB total capacity; 40.00 MiB already "
                + "allocated; 24.00 MiB free; 40.00 MiB reserved in total by jtorch; 40.00 MiB peak allocated; "
                + "1 device allocations, 0 frees) after freeing the cache, collecting dropped tensors and retrying", e.getMessage());
        assertEquals(30 * MiB - 100, e.requestedBytes());
        assertEquals("cudaErrorMemoryAllocation", e.errorName());
        AllocatorStats after = alloc.stats();
        assertEquals(before.allocated(), after.allocated());
        assertEquals(before.reserved(), after.reserved());
        assertEquals(1, after.oomRetries());
        assertFalse(held.isReleased());
    }

    @Test
    void outOfMemoryCollectsBlocksOfDroppedHoldersBeforeGivingUp() {
        bindToADroppedHolder(alloc, 40 * MiB);           // as the storage of a tensor no longer referenced
        Allocation big = alloc.allocate(40 * MiB);        // 40 + 40 > 64: only the collector can give the first back
        assertTrue(big.pointer() != 0);
        assertEquals(40 * MiB, alloc.stats().allocated());
        assertEquals(1, alloc.stats().oomRetries());
    }

    private static void bindToADroppedHolder(CachingAllocator a, long bytes) {
        a.allocate(bytes).bindTo(new Object());
    }

    @Test
    void formatSizeAsPyTorch() {
        assertEquals("512 bytes", CachingAllocator.formatSize(512));
        assertEquals("1.50 KiB", CachingAllocator.formatSize(1536));
        assertEquals("20.00 MiB", CachingAllocator.formatSize(20 * MiB));
        assertEquals("1.25 GiB", CachingAllocator.formatSize(1280 * MiB));
    }

    @Test
    void aScopeReturnsWhatWasAllocatedInItAtClose() {
        Allocation outside = alloc.allocate(512);
        Allocation inner, closedEarly;
        try (CachingAllocator.Scope s = alloc.openScope()) {
            inner = alloc.allocate(512);
            closedEarly = alloc.allocate(512);
            closedEarly.close();
            try (CachingAllocator.Scope nested = alloc.openScope()) {
                alloc.allocate(MiB);
            }
            assertEquals(1024, alloc.stats().allocated());
        }
        assertTrue(inner.isReleased());
        assertFalse(outside.isReleased());
        assertEquals(512, alloc.stats().allocated());
    }

    @Test
    void scopesCloseInnermostFirst() {
        CachingAllocator.Scope outer = alloc.openScope();
        CachingAllocator.Scope inner = alloc.openScope();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }

    @Test
    void anUnreachableHolderGivesItsBlockBack() throws InterruptedException {
        bindToGarbage();
        assertEquals(512, alloc.stats().allocated());
        // the Cleaner runs after a collection notices the holder is gone; ask until it has (bounded, no timing asserted)
        for (int i = 0; i < 200 && alloc.stats().allocated() != 0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, alloc.stats().allocated());
        assertEquals(0, alloc.stats().activeBlocks());
    }

    private void bindToGarbage() {
        alloc.allocate(512).bindTo(new Object());
    }

    @Test
    void aReachableHolderKeepsItsBlock() {
        List<Object> holders = new ArrayList<>();
        Object holder = new Object();
        holders.add(holder);
        Allocation a = alloc.allocate(512).bindTo(holder);
        System.gc();
        assertFalse(a.isReleased());
        a.close();                                        // explicit release also unregisters the cleaner
        assertTrue(a.isReleased());
        assertEquals(1, holders.size());
    }

    @Test
    void zeroBytesNeedNoDeviceMemory() {
        Allocation a = alloc.allocate(0);
        assertEquals(0, a.pointer());
        assertEquals(new AllocatorStats(0, 0, 0, 0, 0, 0, 0), alloc.stats());
        a.close();
        assertThrows(IllegalArgumentException.class, () -> alloc.allocate(-1));
    }
}

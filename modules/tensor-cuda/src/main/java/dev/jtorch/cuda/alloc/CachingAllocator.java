package dev.jtorch.cuda.alloc;

import dev.jtorch.CudaOutOfMemoryException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A caching device allocator after PyTorch's: sizes round up to 512 bytes; requests up to 1 MiB come from 2 MiB
 * segments (the small pool), larger ones from 20 MiB segments or their own segment rounded to 2 MiB (the large
 * pool); a free block is reused best-fit and split when the rest is worth keeping; freed blocks merge with free
 * neighbours and stay cached for reuse. When the device is out of memory the cache is given back and the
 * allocation retried; then, since a tensor dropped in Java gives its block back only when the collector finds it,
 * a collection is asked for and the Cleaner given time to return such blocks (as {@code java.nio} does for direct
 * buffers), a few times; then {@link CudaOutOfMemoryException} reports the size and the statistics.
 * One stream for now: a freed block is reused by later work on that stream, which runs after the work that used it.
 */
public final class CachingAllocator {
    static final long MIN_BLOCK = 512;
    static final long SMALL_SIZE = 1L << 20;          // largest request served by the small pool
    static final long SMALL_BUFFER = 2L << 20;        // segment size of the small pool
    static final long LARGE_BUFFER = 20L << 20;       // segment for requests between 1 and 10 MiB
    static final long MIN_LARGE_ALLOC = 10L << 20;    // from here a request gets its own segment
    static final long ROUND_LARGE = 2L << 20;         // ... rounded to 2 MiB

    /** Collections asked for before an out-of-memory error (waits of 8 to 128 ms, 248 ms in all). */
    private static final int COLLECTION_ATTEMPTS = 5;

    private static final Comparator<Block> BY_SIZE_THEN_ADDRESS =
            Comparator.<Block>comparingLong(b -> b.size).thenComparingLong(b -> b.pointer);

    private final RawAllocator raw;
    private final int device;
    private final TreeSet<Block> smallPool = new TreeSet<>(BY_SIZE_THEN_ADDRESS);
    private final TreeSet<Block> largePool = new TreeSet<>(BY_SIZE_THEN_ADDRESS);
    private final List<Block> segments = new ArrayList<>();
    private final ThreadLocal<Deque<Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

    private long allocated, reserved, peak, rawMallocs, rawFrees, oomRetries, active;

    /** @param device the device index, for messages */
    public CachingAllocator(RawAllocator raw, int device) {
        this.raw = raw;
        this.device = device;
    }

    /** PyTorch's rounding: at least 512 bytes, a multiple of 512. */
    static long roundSize(long bytes) {
        if (bytes < MIN_BLOCK) return MIN_BLOCK;
        return Math.ceilDiv(bytes, MIN_BLOCK) * MIN_BLOCK;
    }

    /** The segment obtained from the device for a rounded request that no cached block fits. */
    static long segmentSize(long size) {
        if (size <= SMALL_SIZE) return SMALL_BUFFER;
        if (size < MIN_LARGE_ALLOC) return LARGE_BUFFER;
        return Math.ceilDiv(size, ROUND_LARGE) * ROUND_LARGE;
    }

    /** An allocation of at least {@code bytes}; 0 bytes gives an empty allocation with pointer 0 and no block. */
    public synchronized Allocation allocate(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative allocation size: " + bytes);
        if (bytes == 0) return track(new Allocation(this, null, 0));
        long size = roundSize(bytes);
        boolean small = size <= SMALL_SIZE;
        TreeSet<Block> pool = small ? smallPool : largePool;
        Block block = pool.ceiling(new Block(0, size, small));
        if (block != null) {
            pool.remove(block);
        } else {
            block = newSegment(bytes, size, small);
        }
        if (shouldSplit(block, size)) {
            Block rest = new Block(block.pointer + size, block.size - size, small);
            rest.prev = block;
            rest.next = block.next;
            if (block.next != null) block.next.prev = rest;
            block.next = rest;
            block.size = size;
            pool.add(rest);
        }
        block.allocated = true;
        allocated += block.size;
        peak = Math.max(peak, allocated);
        active++;
        return track(new Allocation(this, block, bytes));
    }

    /** Small pool: split when at least one 512-byte block remains; large pool: when more than 1 MiB remains. */
    private static boolean shouldSplit(Block block, long size) {
        long rest = block.size - size;
        return block.small ? rest >= MIN_BLOCK : rest > SMALL_SIZE;
    }

    private Block newSegment(long requested, long size, boolean small) {
        long bytes = segmentSize(size);
        long p = raw.malloc(bytes);
        if (p == 0) {
            oomRetries++;
            releaseCachedSegments();
            p = raw.malloc(bytes);
        }
        for (int attempt = 0; p == 0 && attempt < COLLECTION_ATTEMPTS; attempt++) {
            System.gc();
            try {
                wait(1L << (attempt + 3)); // 8, 16, ... 128 ms with the lock released: the Cleaner's frees need it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            releaseCachedSegments();
            p = raw.malloc(bytes);
        }
        if (p == 0) throw new CudaOutOfMemoryException(outOfMemoryMessage(requested), requested);
        rawMallocs++;
        reserved += bytes;
        Block b = new Block(p, bytes, small);
        segments.add(b);
        return b;
    }

    synchronized void free(Block block) {
        if (!block.allocated) throw new IllegalStateException("double free of " + block);
        block.allocated = false;
        allocated -= block.size;
        active--;
        TreeSet<Block> pool = block.small ? smallPool : largePool;
        Block merged = block;
        Block prev = block.prev;
        if (prev != null && !prev.allocated) {       // prev absorbs block
            pool.remove(prev);
            join(prev, block);
            merged = prev;
        }
        Block next = merged.next;
        if (next != null && !next.allocated) {       // merged absorbs next
            pool.remove(next);
            join(merged, next);
        }
        pool.add(merged);
    }

    /** Joins {@code right} into its left neighbour (the pool is ordered by size: take blocks out before this). */
    private static void join(Block left, Block right) {
        left.size += right.size;
        left.next = right.next;
        if (right.next != null) right.next.prev = left;
    }

    /** Gives every cached segment that is wholly free back to the device ({@code torch.cuda.empty_cache}). */
    public synchronized void emptyCache() { releaseCachedSegments(); }

    private void releaseCachedSegments() {
        for (var it = segments.iterator(); it.hasNext(); ) {
            Block seg = it.next();
            if (seg.allocated || !seg.isWholeSegment()) continue;
            (seg.small ? smallPool : largePool).remove(seg);
            raw.free(seg.pointer);
            rawFrees++;
            reserved -= seg.size;
            it.remove();
        }
    }

    public synchronized AllocatorStats stats() {
        return new AllocatorStats(allocated, reserved, peak, rawMallocs, rawFrees, oomRetries, active);
    }

    /** Starts a new peak from the current allocation. */
    public synchronized void resetPeak() { peak = allocated; }

    /** PyTorch's text, with our statistics. */
    private String outOfMemoryMessage(long requested) {
        long[] info = raw.memInfo();
        String capacity = info == null ? "" : formatSize(info[1]) + " total capacity; ";
        String free = info == null ? "" : formatSize(info[0]) + " free; ";
        return "CUDA out of memory. Tried to allocate " + formatSize(requested) + " (GPU " + device + "; " + capacity
                + formatSize(allocated) + " already allocated; " + free + formatSize(reserved)
                + " reserved in total by jtorch; " + formatSize(peak) + " peak allocated; " + rawMallocs
                + " device allocations, " + rawFrees + " frees) after freeing the cache, collecting dropped tensors and retrying";
    }

    /** As PyTorch's format_size: bytes, KiB, MiB or GiB with two decimals. */
    static String formatSize(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        if (bytes < 1024L * 1024) return String.format(Locale.ROOT, "%.2f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    // ---------------------------------------------------------------- explicit scopes

    /**
     * Opens a scope on this thread: every allocation made on it until {@link Scope#close()} (and not closed before)
     * goes back to the cache at close, without waiting for the garbage collector. Scopes nest; close them in order.
     */
    public Scope openScope() {
        Scope s = new Scope(scopes.get());
        scopes.get().push(s);
        return s;
    }

    private Allocation track(Allocation a) {
        Scope s = scopes.get().peek();
        if (s != null) s.members.add(a);
        return a;
    }

    /** See {@link #openScope()}. */
    public static final class Scope implements AutoCloseable {
        private final Deque<Scope> stack;
        private final List<Allocation> members = new ArrayList<>();

        private Scope(Deque<Scope> stack) { this.stack = stack; }

        @Override
        public void close() {
            if (stack.peek() != this) throw new IllegalStateException("allocator scopes must be closed innermost first");
            stack.pop();
            for (Allocation a : members) a.close();
            members.clear();
        }
    }
}

package dev.jtorch.cuda.alloc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A device of a given capacity: hands out increasing addresses and records every call. */
final class FakeDevice implements RawAllocator {
    final long capacity;
    final Map<Long, Long> live = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    private long next = 1L << 32;
    private long used;

    FakeDevice(long capacity) { this.capacity = capacity; }

    @Override
    public long malloc(long bytes) {
        calls.add("malloc " + bytes);
        if (used + bytes > capacity) return 0;
        long p = next;
        next += bytes + (1L << 20);  // gaps between segments: no accidental contiguity
        used += bytes;
        live.put(p, bytes);
        return p;
    }

    @Override
    public void free(long pointer) {
        Long bytes = live.remove(pointer);
        if (bytes == null) throw new AssertionError("free of unknown pointer " + pointer);
        calls.add("free " + bytes);
        used -= bytes;
    }

    @Override
    public long[] memInfo() { return new long[]{capacity - used, capacity}; }

    long used() { return used; }
}

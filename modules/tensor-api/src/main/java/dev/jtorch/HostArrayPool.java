package dev.jtorch;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Java arrays that closed {@link MemoryScope}s gave back, by array type and exact length (a training step
 * asks for the same sizes every time), handed out again (zero-filled unless the caller writes every element).
 * Bounded: beyond a quarter of the maximum heap, the size class pooled first is dropped first and the collector
 * frees it.
 */
final class HostArrayPool {
    private HostArrayPool() {}

    /** Smaller arrays are cheaper to allocate than to pool. */
    private static final int MIN_BYTES = 1024;
    static final long DEFAULT_CAP = Runtime.getRuntime().maxMemory() / 4;
    private static long cap = DEFAULT_CAP;

    private record Key(Class<?> type, int length) {}

    // insertion-ordered, so the size class pooled longest ago is the first dropped
    private static final Map<Key, ArrayDeque<Object>> FREE = new LinkedHashMap<>();
    private static long bytes;
    /** Pool-sized requests made inside scopes so far: served from the pool, and served with new memory. */
    private static long reused, fresh;

    static synchronized Object take(DType dtype, long numel, boolean zeroed) {
        if (numel * dtype.itemSize() < MIN_BYTES || numel > Integer.MAX_VALUE) return null;
        ArrayDeque<Object> q = FREE.get(new Key(HostArrays.arrayType(dtype), (int) numel));
        Object a = q == null ? null : q.pollLast();
        if (a == null) {
            fresh += numel * dtype.itemSize();
            return null;
        }
        reused += numel * dtype.itemSize();
        bytes -= byteSize(a);
        if (zeroed) zero(a);
        return a;
    }

    static synchronized void give(Object array) {
        if (array == null) return;
        long size = byteSize(array);
        if (size < MIN_BYTES || size > cap) return;
        trimTo(cap - size);
        FREE.computeIfAbsent(new Key(array.getClass(), Array.getLength(array)), k -> new ArrayDeque<>()).addLast(array);
        bytes += size;
    }

    /** Drops arrays, oldest size class first, until at most {@code limit} bytes stay pooled. */
    private static void trimTo(long limit) {
        while (bytes > limit && !FREE.isEmpty()) {
            Iterator<ArrayDeque<Object>> it = FREE.values().iterator();
            ArrayDeque<Object> oldest = it.next();
            Object dropped = oldest.pollFirst();
            if (dropped != null) bytes -= byteSize(dropped);
            if (oldest.isEmpty()) it.remove();
        }
    }

    static synchronized void setCap(long limit) {
        if (limit < 0) throw new IllegalArgumentException("pool limit must be >= 0, got " + limit);
        cap = limit;
        trimTo(cap);
    }

    static synchronized long cap() { return cap; }

    static synchronized long bytes() { return bytes; }

    static synchronized long reusedBytes() { return reused; }

    static synchronized long freshBytes() { return fresh; }

    static synchronized void clear() {
        FREE.clear();
        bytes = 0;
    }

    private static long byteSize(Object a) {
        return switch (a) {
            case float[] f -> 4L * f.length;
            case double[] d -> 8L * d.length;
            case long[] l -> 8L * l.length;
            case int[] i -> 4L * i.length;
            case short[] s -> 2L * s.length;
            case byte[] b -> b.length;
            default -> throw new IllegalArgumentException("not a pooled array: " + a.getClass());
        };
    }

    private static void zero(Object a) {
        switch (a) {
            case float[] f -> Arrays.fill(f, 0f);
            case double[] d -> Arrays.fill(d, 0d);
            case long[] l -> Arrays.fill(l, 0L);
            case int[] i -> Arrays.fill(i, 0);
            case short[] s -> Arrays.fill(s, (short) 0);
            case byte[] b -> Arrays.fill(b, (byte) 0);
            default -> throw new IllegalArgumentException("not a pooled array: " + a.getClass());
        }
    }
}

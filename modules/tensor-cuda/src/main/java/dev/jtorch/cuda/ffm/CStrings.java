package dev.jtorch.cuda.ffm;

import java.lang.foreign.MemorySegment;

/** Reads the constant C strings that the CUDA libraries return (error names, descriptions). */
final class CStrings {
    private static final long MAX = 4096;

    private CStrings() {}

    /** The NUL-terminated string at {@code p}, or {@code fallback} for NULL. */
    static String read(MemorySegment p, String fallback) {
        if (p == null || p.address() == 0) return fallback;
        return p.reinterpret(MAX).getString(0);
    }
}

package dev.jtorch.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The OpenBLAS reference column: {@code cblas_sgemm} from Debian's {@code libopenblas0} called through FFM.
 * The library path can be overridden with {@code -Djtorch.bench.openblas=/path/libopenblas.so}; when it is
 * absent the column is skipped (the report says so).
 */
final class OpenBlas {
    private OpenBlas() {}

    static final String DEFAULT_PATH = "/usr/lib/x86_64-linux-gnu/libopenblas.so.0";
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private static final MethodHandle SGEMM;
    private static final MethodHandle SET_THREADS;

    static {
        MethodHandle sgemm = null, setThreads = null;
        Path lib = Path.of(System.getProperty("jtorch.bench.openblas", DEFAULT_PATH));
        if (Files.exists(lib)) {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lookup = SymbolLookup.libraryLookup(lib, Arena.global());
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT;
            ValueLayout p = ValueLayout.ADDRESS;
            Optional<MemorySegment> s = lookup.find("cblas_sgemm");
            if (s.isPresent()) {
                sgemm = linker.downcallHandle(s.get(), FunctionDescriptor.ofVoid(i, i, i, i, i, i, f, p, i, p, i, f, p, i),
                        Linker.Option.critical(false));
            }
            setThreads = lookup.find("openblas_set_num_threads")
                    .map(t -> linker.downcallHandle(t, FunctionDescriptor.ofVoid(i))).orElse(null);
        }
        SGEMM = sgemm;
        SET_THREADS = setThreads;
    }

    static boolean available() { return SGEMM != null; }

    static void setThreads(int threads) {
        if (SET_THREADS == null) return;
        try {
            SET_THREADS.invokeExact(threads);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Native copies of A [m,k] and B (stored [k,n], or [n,k] when transposed) plus a native C [m,n]. */
    static Operands operands(MatmulShape s, float[] a, float[] bStored) {
        Arena arena = Arena.ofShared();
        MemorySegment na = arena.allocate((long) a.length * Float.BYTES, 64);
        MemorySegment nb = arena.allocate((long) bStored.length * Float.BYTES, 64);
        MemorySegment nc = arena.allocate((long) s.m() * s.n() * Float.BYTES, 64);
        MemorySegment.copy(a, 0, na, ValueLayout.JAVA_FLOAT, 0, a.length);
        MemorySegment.copy(bStored, 0, nb, ValueLayout.JAVA_FLOAT, 0, bStored.length);
        return new Operands(arena, s, na, nb, nc);
    }

    record Operands(Arena arena, MatmulShape s, MemorySegment a, MemorySegment b, MemorySegment c) implements AutoCloseable {
        void sgemm() {
            int ldb = s.transB() ? s.k() : s.n();
            try {
                SGEMM.invokeExact(ROW_MAJOR, NO_TRANS, s.transB() ? TRANS : NO_TRANS, s.m(), s.n(), s.k(),
                        1f, a, s.k(), b, ldb, 0f, c, s.n());
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        @Override
        public void close() { arena.close(); }
    }
}

package dev.jtorch.bench;

/**
 * JVM flags of the forked benchmark JVMs. Each benchmark has a SIMD and a scalar variant: the choice is a
 * system property read once by the backend, so each variant needs its own JVM.
 */
final class Forks {
    private Forks() {}

    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    static final String SIMD_ON = "-Djtorch.simd=true";
    static final String SIMD_OFF = "-Djtorch.simd=false";
    /** The OpenBLAS reference column calls {@code cblas_sgemm} through FFM. */
    static final String NATIVE = "--enable-native-access=ALL-UNNAMED";
    /**
     * 16M-float operands and their results: room for a few of them without GC pressure dominating. The heap is
     * fixed and touched at start-up: on this project's VM a first touch of fresh memory costs a page fault per 4 KiB,
     * and a growing heap that hands out untouched regions made the 64 MiB results 4-10x slower and erratic (add
     * 12 ms or 20-150 ms depending on the run); a long-running JVM reuses memory it has touched.
     */
    static final String HEAP = "-Xmx6g";
    /** With {@link #HEAP}: the fixed size. */
    static final String HEAP_FIXED = "-Xms6g";
    /** With {@link #HEAP}: touched before the benchmark starts. */
    static final String PRETOUCH = "-XX:+AlwaysPreTouch";
}

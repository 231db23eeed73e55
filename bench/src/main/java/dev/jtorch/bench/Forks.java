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
    /** 16M-float operands and their results: room for a few of them without GC pressure dominating. */
    static final String HEAP = "-Xmx6g";
}

package dev.jtorch.simd.kernels;

import dev.jtorch.simd.CpuBackend;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuBackendTest {
    @Test
    void describesItsKernelsAndThreads() {
        CpuBackend b = new CpuBackend();
        b.setNumThreads(3);
        String expected = CpuBackend.SIMD
                ? "Vector API, FloatVector SPECIES_" + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " ("
                  + FloatVector.SPECIES_PREFERRED.length() + " lanes), 3 threads"
                : "scalar kernels (SIMD off), 3 threads";
        assertEquals(expected, b.description());
        b.setNumThreads(1);
        assertEquals(1, b.numThreads());
        assertEquals(true, b.description().endsWith(", 1 thread"));
    }

    @Test
    void threadsDefaultToTheProcessorsAndMustBePositive() {
        CpuBackend b = new CpuBackend();
        assertEquals(Runtime.getRuntime().availableProcessors(), b.numThreads());
        assertThrows(IllegalArgumentException.class, () -> b.setNumThreads(0));
        assertEquals(Runtime.getRuntime().availableProcessors(), b.numThreads());
    }
}

package dev.jtorch.cuda;

import dev.jtorch.Cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** GPU tests call {@link #assumeCuda()} first: without a usable GPU they skip and print why. */
final class CudaTestSupport {
    private CudaTestSupport() {}

    static void assumeCuda() {
        assumeTrue(Cuda.isAvailable(), () -> "CUDA not available: " + Cuda.unavailableReason());
    }
}

package dev.jtorch.simd.errors;

import dev.jtorch.Cuda;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the CPU backend on the module path (this module's tests): CUDA is "not compiled in", as PyTorch says. */
class CudaWithoutBackendTest {
    private static final String NOT_COMPILED = "Torch not compiled with CUDA enabled: no jtorch backend for device 'cuda:0' "
            + "on the module path (found: simd (CPU)); add dev.jtorch.tensor.simd for the CPU and dev.jtorch.tensor.cuda for CUDA";

    @Test
    void theFacadeSaysNotCompiled() {
        assertFalse(Cuda.isAvailable());
        assertEquals(0, Cuda.deviceCount());
        assertEquals(NOT_COMPILED, Cuda.unavailableReason());
        assertEquals(NOT_COMPILED, assertThrows(IllegalStateException.class, () -> Cuda.getDeviceName(0)).getMessage());
        assertThrows(IllegalStateException.class, Cuda::synchronize);
        Cuda.emptyCache();
    }

    @Test
    void movingOrCreatingOnCudaSaysNotCompiledAndChangesNothing() {
        Tensor x = Torch.tensor(1.0f, 2.0f);
        assertEquals(NOT_COMPILED, assertThrows(IllegalStateException.class, x::cuda).getMessage());
        assertArrayEquals(new float[]{1, 2}, x.toFloatArray());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Torch.zeros(new long[]{2}, DType.FLOAT32, Device.cuda(1)));
        assertTrue(e.getMessage().startsWith("Torch not compiled with CUDA enabled: no jtorch backend for device 'cuda:1'"), e::getMessage);
    }
}

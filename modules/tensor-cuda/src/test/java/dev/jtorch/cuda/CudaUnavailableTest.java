package dev.jtorch.cuda;

import dev.jtorch.Cuda;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.cuda.ffm.LibrarySearch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With the CUDA backend on the module path but no usable GPU (this machine, CI): clear answers and exceptions. */
class CudaUnavailableTest {
    @BeforeEach
    void onlyWithoutAGpu() {
        assumeFalse(Cuda.isAvailable(), "a GPU is available here");
    }

    @Test
    void theFacadeSaysNoAndWhy() {
        assertFalse(Cuda.isAvailable());
        assertEquals(0, Cuda.deviceCount());
        String reason = Cuda.unavailableReason();
        assertFalse(reason.isEmpty());
        assertEquals(CudaRuntime.system().reason(), reason);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Cuda.getDeviceName(0));
        assertEquals(reason, e.getMessage());
        assertThrows(IllegalStateException.class, () -> Cuda.memGetInfo(0));
        assertThrows(IllegalStateException.class, Cuda::synchronize);
        assertThrows(IllegalStateException.class, () -> Cuda.memoryAllocated(0));
        Cuda.emptyCache();  // nothing to give back: no exception
        assertTrue(Torch.backendInfo(Device.cuda(0)).contains("cuda (not available: "), Torch.backendInfo(Device.cuda(0)));
    }

    @Test
    void movingATensorToCudaThrowsTheReasonAndLeavesItAlone() {
        Tensor x = Torch.tensor(1.0f, 2.0f, 3.0f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.to(Device.cuda(0)));
        assertEquals(Cuda.unavailableReason(), e.getMessage());
        assertThrows(IllegalStateException.class, x::cuda);
        assertArrayEquals(new float[]{1, 2, 3}, x.toFloatArray());
        assertEquals(Device.CPU, x.device());
        assertEquals(x, x.cpu());
    }

    @Test
    void creatingOnCudaThrowsTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Torch.zeros(new long[]{2, 3}, DType.FLOAT32, Device.of("cuda:0")));
        assertEquals(Cuda.unavailableReason(), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Torch.ones(new long[]{2}, DType.INT64, Device.cuda(1)));
    }

    /** This machine: the toolkit without a driver. */
    @Test
    void withTheToolkitButNoDriverTheMessageIsPyTorchsWithTheCudaErrorAndTheSearch() {
        LibrarySearch system = LibrarySearch.ofSystem();
        assumeTrue(system.find(LibrarySearch.Library.CUDART).first().isPresent(), "no libcudart here");
        assumeTrue(CudaRuntime.system().driver() == null, "libcuda.so.1 is here");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Torch.tensor(1.0).cuda());
        String m = e.getMessage();
        assertTrue(m.startsWith("Found no NVIDIA driver on your system: cudaGetDeviceCount returned cudaErrorInsufficientDriver"), m);
        assertTrue(m.contains("libcuda.so.1 not found in: "), m);
    }
}

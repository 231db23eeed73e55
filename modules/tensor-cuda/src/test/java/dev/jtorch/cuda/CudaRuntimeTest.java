package dev.jtorch.cuda;

import dev.jtorch.cuda.ffm.LibrarySearch;
import dev.jtorch.cuda.ffm.LibrarySearch.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CudaRuntimeTest {
    @TempDir
    Path tmp;

    private static boolean loaderFinds(String name) {
        try {
            SymbolLookup.libraryLookup(name, Arena.global());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void aMachineWithoutTheRuntimeIsUnavailableAndSaysWhereItLooked() throws IOException {
        // the predicate says this file exists; dlopen then fails on it
        Path fake = tmp.resolve("cuda/lib64/libcudart.so.13");
        LibrarySearch search = new LibrarySearch(Map.of("CUDA_HOME", tmp.resolve("cuda").toString()), tmp.resolve("root"), fake::equals);
        CudaRuntime rt = CudaRuntime.probe(search);
        assertFalse(rt.available());
        assertEquals(0, rt.deviceCount());
        assertNull(rt.cudart());
        String r = rt.reason();
        assertTrue(r.startsWith("the CUDA runtime is missing: libcudart.so, libcudart.so.13 or libcudart.so.12 not found in: "
                + tmp.resolve("cuda/lib64") + ", "), r);
        assertTrue(r.contains("found but could not load: " + fake + ": "), r);
    }

    /** This machine: the toolkit's libcudart is here, the driver is not. The reason is PyTorch's, with the CUDA error. */
    @Test
    void aToolkitWithoutADriverIsUnavailableWithTheCudaErrorInTheReason() {
        LibrarySearch system = LibrarySearch.ofSystem();
        assumeTrue(system.find(Library.CUDART).first().isPresent(), "no libcudart on this machine");
        assumeTrue(system.find(Library.DRIVER).first().isEmpty() && !loaderFinds("libcuda.so.1"), "this machine has a CUDA driver");
        CudaRuntime rt = CudaRuntime.system();
        assertFalse(rt.available());
        assertEquals(0, rt.deviceCount());
        String r = rt.reason();
        assertTrue(r.startsWith("Found no NVIDIA driver on your system: cudaGetDeviceCount returned cudaErrorInsufficientDriver ("
                + "CUDA driver version is insufficient for CUDA runtime version); the CUDA runtime is "), r);
        assertTrue(r.contains("the CUDA driver is missing: libcuda.so.1 not found in: "), r);
        assertTrue(rt.driverReason().contains("/usr/lib/x86_64-linux-gnu, "), rt::driverReason);
        assertTrue(rt.driverReason().endsWith(", nor by the dynamic loader"), rt::driverReason);
        assertNull(rt.driver());
    }

    @Test
    void versionsPrintAsCudaDoes() {
        assertEquals("13.0", CudaRuntime.version(13000));
        assertEquals("12.4", CudaRuntime.version(12040));
        assertEquals("11.8", CudaRuntime.version(11080));
    }
}

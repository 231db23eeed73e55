package dev.jtorch.cuda.ffm;

import dev.jtorch.CudaException;
import dev.jtorch.cuda.ffm.LibrarySearch.Library;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bindings against the libraries of this machine, where they exist: every bound symbol must be exported (a typo
 * would otherwise surface only on a GPU machine), and errors must carry the library's own names and strings.
 */
class BindingsTest {
    private static NativeLibrary loadOrSkip(Library library) {
        LibrarySearch.Result r = LibrarySearch.ofSystem().find(library);
        try {
            return NativeLibrary.load(r);
        } catch (NativeLibrary.LibraryNotFoundException e) {
            assumeTrue(false, "not on this machine: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    private static void assertAllExported(List<NativeLibrary.Fn> fns) {
        List<String> missing = fns.stream().filter(f -> !f.exists()).map(NativeLibrary.Fn::name).toList();
        assertEquals(List.of(), missing, "symbols not exported by " + fns.getFirst().library());
    }

    @Test
    void everyRuntimeFunctionIsExportedByTheInstalledLibcudart() {
        assertAllExported(new Cudart(loadOrSkip(Library.CUDART)).functions());
    }

    @Test
    void everyCublasFunctionIsExportedByTheInstalledLibcublas() {
        assertAllExported(new Cublas(loadOrSkip(Library.CUBLAS)).functions());
    }

    @Test
    void everyDriverFunctionIsExportedByTheInstalledLibcuda() {
        assertAllExported(new CudaDriver(loadOrSkip(Library.DRIVER)).functions());
    }

    @Test
    void aFailedRuntimeCallBecomesACudaExceptionWithTheRuntimesNameAndString() {
        Cudart cudart = new Cudart(loadOrSkip(Library.CUDART));
        CudaException e = assertThrows(CudaException.class, () -> cudart.check("cudaMalloc(64 bytes)", Cudart.ERROR_MEMORY_ALLOCATION));
        assertEquals("cudaErrorMemoryAllocation", e.errorName());
        assertEquals("out of memory", e.errorString());
        assertEquals(2, e.code());
        assertEquals("cudaMalloc(64 bytes)", e.call());
        assertEquals("CUDA error: out of memory (cudaErrorMemoryAllocation, code 2) when calling cudaMalloc(64 bytes)", e.getMessage());
        assertEquals("cudaErrorInsufficientDriver", cudart.errorName(Cudart.ERROR_INSUFFICIENT_DRIVER));
        assertEquals("cudaErrorNoDevice", cudart.errorName(Cudart.ERROR_NO_DEVICE));
    }

    /** This machine's case (toolkit, no driver): the real cudaGetDeviceCount fails and the error is readable. */
    @Test
    void withoutADriverTheDeviceCountFailsWithANamedError() {
        Cudart cudart = new Cudart(loadOrSkip(Library.CUDART));
        assumeTrue(LibrarySearch.ofSystem().find(Library.DRIVER).found().isEmpty(), "this machine has libcuda.so.1");
        int[] rcCount = cudart.deviceCountOrError();
        assertTrue(rcCount[0] == Cudart.ERROR_INSUFFICIENT_DRIVER || rcCount[0] == Cudart.ERROR_NO_DEVICE,
                () -> "cudaGetDeviceCount returned " + rcCount[0]);
        assertEquals(0, rcCount[1]);
        assertTrue(cudart.errorName(rcCount[0]).startsWith("cudaError"));
        // a failed initialization stays the runtime's error for the life of the process (seen with CUDA 13 here)
        int last = cudart.lastError();
        assertTrue(last == Cudart.SUCCESS || last == rcCount[0], () -> "cudaGetLastError returned " + last);
        assertEquals(0, cudart.driverVersion());
        assertTrue(cudart.runtimeVersion() >= 11000, () -> "runtime version " + cudart.runtimeVersion());
        CudaException e = assertThrows(CudaException.class, () -> cudart.setDevice(0));
        assertTrue(e.errorName().startsWith("cudaError") && e.call().equals("cudaSetDevice(0)"), e::getMessage);
    }

    @Test
    void aMissingLibrarySaysWhereItWasSearched() {
        LibrarySearch empty = new LibrarySearch(java.util.Map.of(), java.nio.file.Path.of("/nonexistent-root"), p -> false);
        Library none = new Library("a test library", List.of("libjtorch-no-such-library.so.7"));
        NativeLibrary.LibraryNotFoundException e = assertThrows(NativeLibrary.LibraryNotFoundException.class,
                () -> NativeLibrary.load(empty.find(none)));
        assertTrue(e.getMessage().startsWith("a test library is missing: libjtorch-no-such-library.so.7 not found in: "
                + "/nonexistent-root/usr/local/lib, "), e::getMessage);
        assertFalse(e.getMessage().contains("dynamic loader"), "a fake tree never asks the real loader: " + e.getMessage());
    }

    @Test
    void aMissingSymbolThrowsInsteadOfCallingNull() {
        NativeLibrary.Fn fn = new NativeLibrary.Fn("cudaNoSuchThing", null, "/x/libcudart.so");
        assertFalse(fn.exists());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> fn.call(1));
        assertEquals("cudaNoSuchThing is not exported by /x/libcudart.so", e.getMessage());
    }
}

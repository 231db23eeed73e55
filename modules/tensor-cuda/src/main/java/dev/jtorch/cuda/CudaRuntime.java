package dev.jtorch.cuda;

import dev.jtorch.cuda.ffm.Cublas;
import dev.jtorch.cuda.ffm.CudaDriver;
import dev.jtorch.cuda.ffm.Cudart;
import dev.jtorch.cuda.ffm.LibrarySearch;
import dev.jtorch.cuda.ffm.LibrarySearch.Library;
import dev.jtorch.cuda.ffm.NativeLibrary;

/**
 * What this machine offers: the runtime library (required), the device count, and the optional cuBLAS and driver
 * libraries, each with the reason it is missing. Probing only loads libraries and asks for the device count; it never
 * throws, so a machine without CUDA just reports {@link #available()} false with {@link #reason()}.
 */
final class CudaRuntime {
    private final Cudart cudart;
    private final int deviceCount;
    private final String reason;
    private final Cublas cublas;
    private final String cublasReason;
    private final CudaDriver driver;
    private final String driverReason;

    private CudaRuntime(Cudart cudart, int deviceCount, String reason, Cublas cublas, String cublasReason,
                        CudaDriver driver, String driverReason) {
        this.cudart = cudart;
        this.deviceCount = deviceCount;
        this.reason = reason;
        this.cublas = cublas;
        this.cublasReason = cublasReason;
        this.driver = driver;
        this.driverReason = driverReason;
    }

    private static final class ThisMachine {
        static final CudaRuntime INSTANCE = probe(LibrarySearch.ofSystem());
    }

    /** The machine's runtime, probed on first use. */
    static CudaRuntime system() { return ThisMachine.INSTANCE; }

    static CudaRuntime probe(LibrarySearch search) {
        CudaDriver driver = null;
        String driverReason = "";
        try {
            driver = new CudaDriver(NativeLibrary.load(search.find(Library.DRIVER)));
        } catch (NativeLibrary.LibraryNotFoundException e) {
            driverReason = e.getMessage();
        }
        Cudart cudart;
        try {
            cudart = new Cudart(NativeLibrary.load(search.find(Library.CUDART)));
        } catch (NativeLibrary.LibraryNotFoundException e) {
            return new CudaRuntime(null, 0, e.getMessage(), null, "", driver, driverReason);
        }
        int[] rcCount;
        try {
            rcCount = cudart.deviceCountOrError();
        } catch (RuntimeException e) {  // a symbol missing from an odd libcudart
            return new CudaRuntime(cudart, 0, "cudaGetDeviceCount cannot be called: " + e.getMessage(), null, "", driver, driverReason);
        }
        String reason = "";
        if (rcCount[0] != Cudart.SUCCESS) {
            reason = whyNoDevice(cudart, rcCount[0], driverReason);
        } else if (rcCount[1] == 0) {
            reason = "cudaGetDeviceCount found no CUDA GPUs (runtime " + cudart.library() + ")";
        }
        Cublas cublas = null;
        String cublasReason = "";
        try {
            cublas = new Cublas(NativeLibrary.load(search.find(Library.CUBLAS)));
        } catch (NativeLibrary.LibraryNotFoundException e) {
            cublasReason = e.getMessage();
        }
        return new CudaRuntime(cudart, rcCount[0] == Cudart.SUCCESS ? rcCount[1] : 0, reason, cublas, cublasReason, driver, driverReason);
    }

    /** PyTorch's wording where it has one, with the CUDA error name and string, and what we searched. */
    private static String whyNoDevice(Cudart cudart, int rc, String driverReason) {
        String error = "cudaGetDeviceCount returned " + cudart.errorName(rc) + " (" + cudart.errorString(rc) + ")";
        String runtime = "the CUDA runtime is " + cudart.library() + versionSuffix(cudart);
        if (rc == Cudart.ERROR_INSUFFICIENT_DRIVER) {
            int driverVersion = safeDriverVersion(cudart);
            String head = driverVersion == 0 ? "Found no NVIDIA driver on your system"
                    : "The NVIDIA driver on your system is too old (it supports CUDA " + version(driverVersion) + ")";
            return head + ": " + error + "; " + runtime + (driverReason.isEmpty() ? "" : "; " + driverReason);
        }
        if (rc == Cudart.ERROR_NO_DEVICE) return "no CUDA GPUs are available: " + error + "; " + runtime;
        return error + "; " + runtime + (driverReason.isEmpty() ? "" : "; " + driverReason);
    }

    private static String versionSuffix(Cudart cudart) {
        try {
            return " (CUDA " + version(cudart.runtimeVersion()) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static int safeDriverVersion(Cudart cudart) {
        try {
            return cudart.driverVersion();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** 13000 -> "13.0", 12040 -> "12.4". */
    static String version(int v) { return (v / 1000) + "." + (v % 1000) / 10; }

    boolean available() { return deviceCount > 0; }

    /** Why CUDA cannot be used; empty when it can. */
    String reason() { return reason; }

    int deviceCount() { return deviceCount; }

    /** The runtime library, or null when missing (then {@link #reason()} says where it was searched). */
    Cudart cudart() { return cudart; }

    Cublas cublas() { return cublas; }

    String cublasReason() { return cublasReason; }

    CudaDriver driver() { return driver; }

    String driverReason() { return driverReason; }
}

package dev.jtorch.cuda.ffm;

import dev.jtorch.CudaException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The driver API (libcuda.so.1), only what loading and launching our own kernels needs. It shares the device's
 * primary context with the runtime API, so memory from cudaMalloc is valid in the kernels.
 */
public final class CudaDriver {
    private final NativeLibrary lib;
    final NativeLibrary.Fn init, deviceGet, primaryCtxRetain, ctxSetCurrent, moduleLoadData, moduleGetFunction,
            launchKernel, getErrorName, getErrorString;

    public CudaDriver(NativeLibrary lib) {
        this.lib = lib;
        init = lib.function("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        deviceGet = lib.function("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        primaryCtxRetain = lib.function("cuDevicePrimaryCtxRetain", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        ctxSetCurrent = lib.function("cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        moduleLoadData = lib.function("cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        moduleGetFunction = lib.function("cuModuleGetFunction", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // f, grid x/y/z, block x/y/z, shared bytes, stream, void** params, void** extra
        launchKernel = lib.function("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        getErrorName = lib.function("cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        getErrorString = lib.function("cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    public String library() { return lib.description(); }

    public List<NativeLibrary.Fn> functions() {
        return List.of(init, deviceGet, primaryCtxRetain, ctxSetCurrent, moduleLoadData, moduleGetFunction, launchKernel,
                getErrorName, getErrorString);
    }

    public void check(String call, int rc) {
        if (rc != 0) throw new CudaException(call, rc, describe(getErrorName, rc, "CUresult " + rc), describe(getErrorString, rc, "unknown error"));
    }

    private static String describe(NativeLibrary.Fn f, int rc, String fallback) {
        if (!f.exists()) return fallback;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            if (f.callInt(rc, out) != 0) return fallback;
            return CStrings.read(out.get(ADDRESS, 0), fallback);
        }
    }

    public void init() { check("cuInit", init.callInt(0)); }

    /** The primary context of device {@code ordinal} (the one cudart uses), retained. */
    public long primaryContext(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment dev = a.allocate(JAVA_INT);
            check("cuDeviceGet(" + ordinal + ")", deviceGet.callInt(dev, ordinal));
            MemorySegment ctx = a.allocate(ADDRESS);
            check("cuDevicePrimaryCtxRetain(" + ordinal + ")", primaryCtxRetain.callInt(ctx, dev.get(JAVA_INT, 0)));
            return ctx.get(ADDRESS, 0).address();
        }
    }

    public void setCurrent(long context) { check("cuCtxSetCurrent", ctxSetCurrent.callInt(MemorySegment.ofAddress(context))); }

    /** Loads a PTX (NUL-terminated text) or cubin/fatbin image into the current context. */
    public long loadModule(MemorySegment image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleLoadData", moduleLoadData.callInt(out, image));
            return out.get(ADDRESS, 0).address();
        }
    }

    public long function(long module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleGetFunction(" + name + ")", moduleGetFunction.callInt(out, MemorySegment.ofAddress(module), a.allocateFrom(name)));
            return out.get(ADDRESS, 0).address();
        }
    }

    /** Launches {@code function}; {@code params} is the array of pointers to each argument (cuLaunchKernel's kernelParams). */
    public void launch(String name, long function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                       int sharedBytes, long stream, MemorySegment params) {
        int rc = launchKernel.callInt(MemorySegment.ofAddress(function), gridX, gridY, gridZ, blockX, blockY, blockZ,
                sharedBytes, MemorySegment.ofAddress(stream), params, MemorySegment.NULL);
        // the message only on failure: launches are the hottest call into CUDA
        if (rc != 0) check("cuLaunchKernel(" + name + ", grid " + gridX + "x" + gridY + "x" + gridZ + ", block " + blockX + ")", rc);
    }
}

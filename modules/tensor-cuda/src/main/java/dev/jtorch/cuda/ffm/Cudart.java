package dev.jtorch.cuda.ffm;

import dev.jtorch.CudaException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The CUDA runtime API (libcudart) through FFM. Device and stream pointers are plain {@code long} addresses. Every
 * call checks its {@code cudaError_t} and throws {@link CudaException} with cudaGetErrorName/String and the call.
 */
public final class Cudart {
    /** cudaMemcpyKind. */
    public static final int HOST_TO_HOST = 0, HOST_TO_DEVICE = 1, DEVICE_TO_HOST = 2, DEVICE_TO_DEVICE = 3;
    /** cudaError_t values the backend reacts to. */
    public static final int SUCCESS = 0, ERROR_MEMORY_ALLOCATION = 2, ERROR_INSUFFICIENT_DRIVER = 35, ERROR_NO_DEVICE = 100;
    /** cudaDeviceAttr values. */
    public static final int ATTR_MULTIPROCESSOR_COUNT = 16, ATTR_COMPUTE_CAPABILITY_MAJOR = 75, ATTR_COMPUTE_CAPABILITY_MINOR = 76;
    /** cudaDeviceProp starts with {@code char name[256]} in every toolkit; the rest of its layout changes between versions. */
    private static final int NAME_BYTES = 256;
    /** Larger than cudaDeviceProp of any toolkit so far (about 1 KiB), so that cudaGetDeviceProperties never writes past it. */
    private static final long PROPS_BYTES = 16 * 1024;

    private static final FunctionDescriptor INT_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    private static final FunctionDescriptor INT_VOID = FunctionDescriptor.of(JAVA_INT);

    private final NativeLibrary lib;
    final NativeLibrary.Fn getErrorName, getErrorString, getLastError, runtimeGetVersion, driverGetVersion,
            getDeviceCount, getDeviceProperties, deviceGetAttribute, setDevice, getDevice, memGetInfo,
            malloc, free, memcpy, memcpyHeap, memcpyAsync, memset, memsetAsync, hostAlloc, freeHost,
            streamCreateWithFlags, streamDestroy, streamSynchronize,
            eventCreateWithFlags, eventRecord, eventSynchronize, eventElapsedTime, eventDestroy, deviceSynchronize;

    public Cudart(NativeLibrary lib) {
        this.lib = lib;
        getErrorName = lib.function("cudaGetErrorName", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        getErrorString = lib.function("cudaGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        getLastError = lib.function("cudaGetLastError", INT_VOID);
        runtimeGetVersion = lib.function("cudaRuntimeGetVersion", INT_PTR);
        driverGetVersion = lib.function("cudaDriverGetVersion", INT_PTR);
        getDeviceCount = lib.function("cudaGetDeviceCount", INT_PTR);
        // CUDA 12 exports the current layout as cudaGetDeviceProperties_v2; CUDA 13 under the plain name. Only name[] is read.
        NativeLibrary.Fn v2 = lib.function("cudaGetDeviceProperties_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        getDeviceProperties = v2.exists() ? v2 : lib.function("cudaGetDeviceProperties", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        deviceGetAttribute = lib.function("cudaDeviceGetAttribute", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        setDevice = lib.function("cudaSetDevice", INT_INT);
        getDevice = lib.function("cudaGetDevice", INT_PTR);
        memGetInfo = lib.function("cudaMemGetInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        malloc = lib.function("cudaMalloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        free = lib.function("cudaFree", INT_PTR);
        FunctionDescriptor copy = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
        memcpy = lib.function("cudaMemcpy", copy);
        // Heap arrays go to cudaMemcpy without a staging copy: a critical call may read the Java heap (GC waits meanwhile).
        memcpyHeap = lib.function("cudaMemcpy", copy, Linker.Option.critical(true));
        memcpyAsync = lib.function("cudaMemcpyAsync", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        memset = lib.function("cudaMemset", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
        memsetAsync = lib.function("cudaMemsetAsync", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
        hostAlloc = lib.function("cudaHostAlloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        freeHost = lib.function("cudaFreeHost", INT_PTR);
        streamCreateWithFlags = lib.function("cudaStreamCreateWithFlags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        streamDestroy = lib.function("cudaStreamDestroy", INT_PTR);
        streamSynchronize = lib.function("cudaStreamSynchronize", INT_PTR);
        eventCreateWithFlags = lib.function("cudaEventCreateWithFlags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        eventRecord = lib.function("cudaEventRecord", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        eventSynchronize = lib.function("cudaEventSynchronize", INT_PTR);
        eventElapsedTime = lib.function("cudaEventElapsedTime", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        eventDestroy = lib.function("cudaEventDestroy", INT_PTR);
        deviceSynchronize = lib.function("cudaDeviceSynchronize", INT_VOID);
    }

    /** Where libcudart was loaded from. */
    public String library() { return lib.description(); }

    /** Every function bound, for the test that checks them against a real libcudart. */
    public java.util.List<NativeLibrary.Fn> functions() {
        return java.util.List.of(getErrorName, getErrorString, getLastError, runtimeGetVersion, driverGetVersion,
                getDeviceCount, getDeviceProperties, deviceGetAttribute, setDevice, getDevice, memGetInfo, malloc, free,
                memcpy, memcpyAsync, memset, memsetAsync, hostAlloc, freeHost, streamCreateWithFlags, streamDestroy,
                streamSynchronize, eventCreateWithFlags, eventRecord, eventSynchronize, eventElapsedTime, eventDestroy,
                deviceSynchronize);
    }

    // ---------------------------------------------------------------- errors

    public String errorName(int code) {
        return getErrorName.exists() ? CStrings.read((MemorySegment) getErrorName.call(code), "cudaError " + code) : "cudaError " + code;
    }

    public String errorString(int code) {
        return getErrorString.exists() ? CStrings.read((MemorySegment) getErrorString.call(code), "unknown error") : "unknown error";
    }

    /** Returns and clears the runtime's last error (errors are also kept there after the failing call returns). */
    public int lastError() { return getLastError.callInt(); }

    /** Throws {@link CudaException} for a failed call; clears the runtime's last error first. */
    public void check(String call, int rc) {
        if (rc == SUCCESS) return;
        if (getLastError.exists()) lastError();
        throw new CudaException(call, rc, errorName(rc), errorString(rc));
    }

    // ---------------------------------------------------------------- versions and devices

    public int runtimeVersion() { return intOut("cudaRuntimeGetVersion", runtimeGetVersion); }

    /** The driver's CUDA version, 0 when there is no driver. */
    public int driverVersion() { return intOut("cudaDriverGetVersion", driverGetVersion); }

    /** The raw cudaGetDeviceCount result: {@code [error, count]} (the error is how "no driver" is told apart). */
    public int[] deviceCountOrError() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            int rc = getDeviceCount.callInt(out);
            if (rc != SUCCESS && getLastError.exists()) lastError();
            return new int[]{rc, rc == SUCCESS ? out.get(JAVA_INT, 0) : 0};
        }
    }

    public String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment props = a.allocate(PROPS_BYTES, 8);
            check("cudaGetDeviceProperties(" + device + ")", getDeviceProperties.callInt(props, device));
            return props.asSlice(0, NAME_BYTES).getString(0);
        }
    }

    public int attribute(int attribute, int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cudaDeviceGetAttribute(" + attribute + ", " + device + ")", deviceGetAttribute.callInt(out, attribute, device));
            return out.get(JAVA_INT, 0);
        }
    }

    public void setDevice(int device) { check("cudaSetDevice(" + device + ")", setDevice.callInt(device)); }

    public int device() { return intOut("cudaGetDevice", getDevice); }

    /** {@code [free, total]} bytes of the current device. */
    public long[] memGetInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(JAVA_LONG), total = a.allocate(JAVA_LONG);
            check("cudaMemGetInfo", memGetInfo.callInt(free, total));
            return new long[]{free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        }
    }

    public void deviceSynchronize() { check("cudaDeviceSynchronize", deviceSynchronize.callInt()); }

    // ---------------------------------------------------------------- memory

    /** cudaMalloc, or 0 when the device is out of memory (the caching allocator then frees its cache and retries). */
    public long tryMalloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc = malloc.callInt(out, bytes);
            if (rc == ERROR_MEMORY_ALLOCATION) {
                lastError();
                return 0;
            }
            check("cudaMalloc(" + bytes + " bytes)", rc);
            return out.get(ADDRESS, 0).address();
        }
    }

    public void free(long devicePtr) { check("cudaFree", free.callInt(MemorySegment.ofAddress(devicePtr))); }

    /** Synchronous copy between a device address and a host segment (heap or native). */
    public void copyToDevice(long dst, MemorySegment src, long bytes) {
        NativeLibrary.Fn f = src.isNative() ? memcpy : memcpyHeap;
        check("cudaMemcpy(HostToDevice, " + bytes + " bytes)", f.callInt(MemorySegment.ofAddress(dst), src, bytes, HOST_TO_DEVICE));
    }

    public void copyToHost(MemorySegment dst, long src, long bytes) {
        NativeLibrary.Fn f = dst.isNative() ? memcpy : memcpyHeap;
        check("cudaMemcpy(DeviceToHost, " + bytes + " bytes)", f.callInt(dst, MemorySegment.ofAddress(src), bytes, DEVICE_TO_HOST));
    }

    public void copyDeviceToDevice(long dst, long src, long bytes) {
        check("cudaMemcpy(DeviceToDevice, " + bytes + " bytes)",
                memcpy.callInt(MemorySegment.ofAddress(dst), MemorySegment.ofAddress(src), bytes, DEVICE_TO_DEVICE));
    }

    /** Asynchronous copy on {@code stream}; host memory must be pinned ({@link #hostAlloc}) to overlap. */
    public void copyAsync(long dst, long src, long bytes, int kind, long stream) {
        check("cudaMemcpyAsync(kind " + kind + ", " + bytes + " bytes)", memcpyAsync.callInt(MemorySegment.ofAddress(dst),
                MemorySegment.ofAddress(src), bytes, kind, MemorySegment.ofAddress(stream)));
    }

    public void memset(long devicePtr, int value, long bytes) {
        check("cudaMemset(" + bytes + " bytes)", memset.callInt(MemorySegment.ofAddress(devicePtr), value, bytes));
    }

    public void memsetAsync(long devicePtr, int value, long bytes, long stream) {
        check("cudaMemsetAsync(" + bytes + " bytes)",
                memsetAsync.callInt(MemorySegment.ofAddress(devicePtr), value, bytes, MemorySegment.ofAddress(stream)));
    }

    /** Page-locked host memory of {@code bytes}; free it with {@link #freeHost}. */
    public MemorySegment hostAlloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cudaHostAlloc(" + bytes + " bytes)", hostAlloc.callInt(out, bytes, 0));
            return out.get(ADDRESS, 0).reinterpret(bytes);
        }
    }

    public void freeHost(MemorySegment pinned) { check("cudaFreeHost", freeHost.callInt(pinned)); }

    // ---------------------------------------------------------------- streams and events

    /** A stream that does not synchronize with the legacy default stream (cudaStreamNonBlocking). */
    public long streamCreate() { return pointerOut("cudaStreamCreateWithFlags", streamCreateWithFlags, 1); }

    public void streamDestroy(long stream) { check("cudaStreamDestroy", streamDestroy.callInt(MemorySegment.ofAddress(stream))); }

    public void streamSynchronize(long stream) {
        check("cudaStreamSynchronize", streamSynchronize.callInt(MemorySegment.ofAddress(stream)));
    }

    public long eventCreate() { return pointerOut("cudaEventCreateWithFlags", eventCreateWithFlags, 0); }

    public void eventRecord(long event, long stream) {
        check("cudaEventRecord", eventRecord.callInt(MemorySegment.ofAddress(event), MemorySegment.ofAddress(stream)));
    }

    public void eventSynchronize(long event) { check("cudaEventSynchronize", eventSynchronize.callInt(MemorySegment.ofAddress(event))); }

    public float eventElapsedMillis(long start, long end) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_FLOAT);
            check("cudaEventElapsedTime", eventElapsedTime.callInt(out, MemorySegment.ofAddress(start), MemorySegment.ofAddress(end)));
            return out.get(JAVA_FLOAT, 0);
        }
    }

    public void eventDestroy(long event) { check("cudaEventDestroy", eventDestroy.callInt(MemorySegment.ofAddress(event))); }

    // ---------------------------------------------------------------- helpers

    private int intOut(String call, NativeLibrary.Fn f) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check(call, f.callInt(out));
            return out.get(JAVA_INT, 0);
        }
    }

    private long pointerOut(String call, NativeLibrary.Fn f, int flags) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check(call, f.callInt(out, flags));
            return out.get(ADDRESS, 0).address();
        }
    }
}

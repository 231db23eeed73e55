package dev.jtorch;

import dev.jtorch.spi.DeviceRuntime;

import java.util.Optional;

/**
 * {@code torch.cuda}: whether CUDA can be used, the devices, their memory, and synchronization. Answers come from
 * the CUDA backend module ({@code dev.jtorch.tensor.cuda}) when it is on the module path; without it CUDA is simply
 * not available (as a PyTorch "not compiled with CUDA").
 */
public final class Cuda {
    private Cuda() {}

    /** {@code torch.cuda.mem_get_info}: free and total bytes of a device. */
    public record MemInfo(long free, long total) {}

    private static Optional<DeviceRuntime> runtime() { return Backends.runtime(Device.Type.CUDA); }

    public static boolean isAvailable() { return runtime().map(DeviceRuntime::isAvailable).orElse(false); }

    /** Why {@link #isAvailable()} is false, naming what was searched and the CUDA error; empty when available. */
    public static String unavailableReason() {
        return runtime().map(r -> r.isAvailable() ? "" : r.unavailableReason()).orElseGet(() -> Backends.missing(Device.cuda(0)));
    }

    /** Number of CUDA devices; 0 when CUDA is not available. */
    public static int deviceCount() { return runtime().filter(DeviceRuntime::isAvailable).map(DeviceRuntime::deviceCount).orElse(0); }

    public static String getDeviceName(int device) { return require(device).deviceName(device); }

    public static MemInfo memGetInfo(int device) {
        long[] fm = require(device).memGetInfo(device);
        return new MemInfo(fm[0], fm[1]);
    }

    /** Waits for the work queued on {@code device}. */
    public static void synchronize(int device) { require(device).synchronize(device); }

    /** Waits for the work queued on every device. */
    public static void synchronize() {
        DeviceRuntime r = require(0);
        for (int d = 0; d < r.deviceCount(); d++) r.synchronize(d);
    }

    public static long memoryAllocated(int device) { return require(device).memoryAllocated(device); }

    public static long memoryReserved(int device) { return require(device).memoryReserved(device); }

    public static long maxMemoryAllocated(int device) { return require(device).maxMemoryAllocated(device); }

    /** Returns the allocator's cached, unused memory to the driver; does nothing when CUDA is not available. */
    public static void emptyCache() { runtime().filter(DeviceRuntime::isAvailable).ifPresent(DeviceRuntime::emptyCache); }

    /** The runtime for a valid device index, else an exception with the reason or the valid range. */
    static DeviceRuntime require(int device) {
        DeviceRuntime r = runtime().orElseThrow(() -> new IllegalStateException(Backends.missing(Device.cuda(Math.max(device, 0)))));
        if (!r.isAvailable()) throw new IllegalStateException(r.unavailableReason());
        if (device < 0 || device >= r.deviceCount()) {
            throw new IllegalArgumentException("Invalid device id " + device + ": CUDA devices are 0 to " + (r.deviceCount() - 1));
        }
        return r;
    }
}

package dev.jtorch.cuda;

import dev.jtorch.cuda.alloc.Allocation;
import dev.jtorch.cuda.alloc.CachingAllocator;
import dev.jtorch.cuda.alloc.RawAllocator;
import dev.jtorch.cuda.ffm.Cublas;
import dev.jtorch.cuda.ffm.Cudart;
import dev.jtorch.cuda.kernels.Kernels;

/** One device: its caching allocator, and (on first use) its kernels and cuBLAS handle. */
final class CudaDeviceState {
    private final CudaRuntime runtime;
    private final int index;
    private final CachingAllocator allocator;
    private volatile Kernels kernels;
    private volatile long cublasHandle;

    CudaDeviceState(CudaRuntime runtime, int index) {
        this.runtime = runtime;
        this.index = index;
        Cudart cudart = runtime.cudart();
        this.allocator = new CachingAllocator(new RawAllocator() {
            @Override
            public long malloc(long bytes) {
                makeCurrent();
                return cudart.tryMalloc(bytes);
            }

            @Override
            public void free(long pointer) {
                makeCurrent();
                cudart.free(pointer);
            }

            @Override
            public long[] memInfo() {
                try {
                    makeCurrent();
                    return cudart.memGetInfo();
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }, index);
    }

    int index() { return index; }

    CudaRuntime runtime() { return runtime; }

    CachingAllocator allocator() { return allocator; }

    /** The runtime API acts on the calling thread's current device. */
    void makeCurrent() { runtime.cudart().setDevice(index); }

    /** Zeroed device memory (new tensors start as zeros, as HostStorage's do). */
    /** A block whose contents are whatever the cache or the device left there. */
    Allocation allocate(long bytes) {
        makeCurrent();
        return allocator.allocate(bytes);
    }

    Allocation allocateZeroed(long bytes) {
        makeCurrent();
        Allocation a = allocator.allocate(bytes);
        if (bytes > 0) runtime.cudart().memset(a.pointer(), 0, bytes);
        return a;
    }

    Kernels kernels() {
        Kernels k = kernels;
        if (k == null) {
            synchronized (this) {
                if (kernels == null) {
                    if (runtime.driver() == null) {
                        throw new UnsupportedOperationException("jtorch's CUDA kernels need the driver API: " + runtime.driverReason());
                    }
                    makeCurrent();
                    kernels = Kernels.load(runtime.driver(), index);
                }
                k = kernels;
            }
        }
        return k;
    }

    long cublas() {
        long h = cublasHandle;
        if (h == 0) {
            synchronized (this) {
                if (cublasHandle == 0) {
                    Cublas lib = runtime.cublas();
                    if (lib == null) throw new UnsupportedOperationException("matmul on CUDA needs cuBLAS: " + runtime.cublasReason());
                    makeCurrent();
                    cublasHandle = lib.create();
                }
                h = cublasHandle;
            }
        }
        return h;
    }
}

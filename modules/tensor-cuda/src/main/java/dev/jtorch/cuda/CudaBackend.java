package dev.jtorch.cuda;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.cuda.alloc.Allocation;
import dev.jtorch.cuda.ffm.Cublas;
import dev.jtorch.cuda.ffm.Cudart;
import dev.jtorch.cuda.kernels.TensorArgs;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.ops.Window2d;
import dev.jtorch.spi.Backend;
import dev.jtorch.spi.DeviceRuntime;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Storage;
import dev.jtorch.spi.Strided;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Optional;

/**
 * The CUDA backend. Found by ServiceLoader, it probes CUDA only on first use, so a machine without CUDA loses
 * nothing. Host/device transfers and fills of zero use cudaMemcpy/cudaMemset; copy with casts or strides, fill,
 * unary, binary, clamp, where, reductions (also with indices), softmax, threshold_backward, index_select, gather,
 * scatter, im2col/col2im and max pooling run jtorch's kernels (native/); float32 matmul runs cuBLAS. The other
 * primitives are not implemented on CUDA yet and say so.
 */
public final class CudaBackend implements Backend {
    private final Devices runtime = new Devices();
    private volatile CudaDeviceState[] devices;

    @Override
    public String name() { return "cuda"; }

    @Override
    public Device.Type deviceType() { return Device.Type.CUDA; }

    @Override
    public int priority() { return 100; }

    @Override
    public String description() {
        CudaRuntime rt = CudaRuntime.system();
        if (!rt.available()) return "cuda (not available: " + rt.reason() + ")";
        return "cuda (" + rt.deviceCount() + " device(s), runtime " + rt.cudart().library() + ")";
    }

    @Override
    public Optional<DeviceRuntime> runtime() { return Optional.of(runtime); }

    @Override
    public void setNumThreads(int threads) {
        // GPU kernels pick their own parallelism; the CPU backend's setting is the one that matters
    }

    @Override
    public int numThreads() { return 1; }

    /** The device's state, or the reason CUDA cannot be used / the valid device range. */
    private CudaDeviceState state(Device device) {
        CudaRuntime rt = CudaRuntime.system();
        if (!rt.available()) throw new IllegalStateException(rt.reason());
        CudaDeviceState[] ds = devices;
        if (ds == null) {
            synchronized (this) {
                if (devices == null) {
                    CudaDeviceState[] made = new CudaDeviceState[rt.deviceCount()];
                    for (int i = 0; i < made.length; i++) made[i] = new CudaDeviceState(rt, i);
                    devices = made;
                }
                ds = devices;
            }
        }
        int i = device.index();
        if (i < 0 || i >= ds.length) {
            throw new IllegalArgumentException("CUDA error: invalid device ordinal: " + device + " requested, "
                    + ds.length + " CUDA device(s) present");
        }
        return ds[i];
    }

    private static CudaStorage cuda(Strided s) { return (CudaStorage) s.storage(); }

    private static long address(Strided s) { return cuda(s).pointer() + s.offset() * s.dtype().itemSize(); }

    private static MemorySegment arg(Arena a, Strided s) {
        return TensorArgs.of(a, address(s), s.dtype(), s.shape(), s.stride());
    }

    /** The state of the device that holds the first CUDA operand. */
    private static CudaDeviceState on(Strided... ss) {
        for (Strided s : ss) if (s.storage() instanceof CudaStorage c) return c.state();
        throw new IllegalArgumentException("no CUDA tensor among the operands");
    }

    private static UnsupportedOperationException notYet(String what) {
        return new UnsupportedOperationException(what + " is not implemented on CUDA yet (jtorch's CUDA backend runs "
                + "copies, fills, unary and binary ops, clamp, where, reductions with and without indices, softmax, ReLU's gradient, index_select, gather, scatter, im2col/col2im, max pooling and float32 matmul); move the tensors to the CPU with cpu()");
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Storage allocate(DType dtype, long numel, Device device) {
        if (numel < 0) throw new IllegalArgumentException("negative number of elements: " + numel);
        return new CudaStorage(state(device), dtype, Math.multiplyExact(numel, (long) dtype.itemSize()), true);
    }

    /** No memset: the op that asked writes every element (one launch fewer per op). */
    @Override
    public Storage allocateForWrite(DType dtype, long numel, Device device) {
        if (numel < 0) throw new IllegalArgumentException("negative number of elements: " + numel);
        return new CudaStorage(state(device), dtype, Math.multiplyExact(numel, (long) dtype.itemSize()), false);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        boolean fromDevice = src.storage() instanceof CudaStorage, toDevice = dst.storage() instanceof CudaStorage;
        CudaDeviceState st = on(src, dst);
        st.makeCurrent();
        Cudart cudart = st.runtime().cudart();
        long n = dst.numel();
        if (n == 0) return;
        boolean direct = src.dtype() == dst.dtype() && src.isContiguous() && dst.isContiguous();
        if (fromDevice && toDevice) {
            if (direct) cudart.copyDeviceToDevice(address(dst), address(src), n * dst.dtype().itemSize());
            else kernelCopy(st, src, dst);
        } else if (toDevice) {
            MemorySegment host = hostSlice(src, "copy a CPU tensor to CUDA");
            if (direct) {
                cudart.copyToDevice(address(dst), host, host.byteSize());
            } else {
                try (Allocation tmp = st.allocator().allocate(host.byteSize())) {
                    cudart.copyToDevice(tmp.pointer(), host, host.byteSize());
                    try (Arena a = Arena.ofConfined()) {
                        st.kernels().launch("jt_copy", n, contiguousArg(a, tmp.pointer(), src), arg(a, dst), n);
                    }
                }
            }
        } else {
            MemorySegment host = hostSlice(dst, "copy a CUDA tensor into a CPU tensor");
            if (direct) {
                cudart.copyToHost(host, address(src), host.byteSize());
            } else {
                try (Allocation tmp = st.allocator().allocate(host.byteSize()); Arena a = Arena.ofConfined()) {
                    st.kernels().launch("jt_copy", n, arg(a, src), contiguousArg(a, tmp.pointer(), dst), n);
                    cudart.copyToHost(host, tmp.pointer(), host.byteSize());
                }
            }
        }
    }

    /** The bytes of a contiguous CPU operand; a strided one must be made contiguous by the caller first. */
    private static MemorySegment hostSlice(Strided s, String what) {
        if (!(s.storage() instanceof HostStorage h)) throw new IllegalArgumentException("expected a CPU tensor to " + what);
        if (!s.isContiguous()) throw new UnsupportedOperationException("cannot " + what + " from a non-contiguous view yet: call contiguous() first");
        long item = s.dtype().itemSize();
        return h.segment().asSlice(s.offset() * item, s.numel() * item);
    }

    private static MemorySegment contiguousArg(Arena a, long pointer, Strided like) {
        return TensorArgs.of(a, pointer, like.dtype(), like.shape(), Strided.contiguousStrides(like.shape()));
    }

    private static void kernelCopy(CudaDeviceState st, Strided src, Strided dst) {
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_copy", dst.numel(), arg(a, src), arg(a, dst), dst.numel());
        }
    }

    @Override
    public void fill(Strided dst, double value) {
        if (Double.doubleToRawLongBits(value) == 0 && zeroFill(dst)) return;
        CudaDeviceState st = on(dst);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_fill", dst.numel(), arg(a, dst), value, 0L, 0, dst.numel());
        }
    }

    @Override
    public void fill(Strided dst, long value) {
        if (value == 0 && zeroFill(dst)) return;
        CudaDeviceState st = on(dst);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_fill", dst.numel(), arg(a, dst), (double) value, value, 1, dst.numel());
        }
    }

    /** All-zero bits of a contiguous tensor: cudaMemset, no kernel. */
    private static boolean zeroFill(Strided dst) {
        if (!dst.isContiguous()) return false;
        CudaDeviceState st = on(dst);
        st.makeCurrent();
        if (dst.numel() > 0) st.runtime().cudart().memset(address(dst), 0, dst.numel() * dst.dtype().itemSize());
        return true;
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Strided in, Strided out) {
        CudaDeviceState st = on(in, out);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_unary", out.numel(), op.ordinal(), arg(a, in), arg(a, out), out.numel());
        }
    }

    @Override
    public void binary(BinaryOp op, Strided x, Strided y, Strided out) {
        CudaDeviceState st = on(x, y, out);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_binary", out.numel(), op.ordinal(), arg(a, x), arg(a, y), arg(a, out), out.numel());
        }
    }

    @Override
    public void clamp(Strided in, Double min, Double max, Strided out) {
        CudaDeviceState st = on(in, out);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_clamp", out.numel(), arg(a, in), arg(a, out), min == null ? 0.0 : min,
                    max == null ? 0.0 : max, min == null ? 0 : 1, max == null ? 0 : 1, out.numel());
        }
    }

    @Override
    public void where(Strided cond, Strided x, Strided y, Strided out) {
        CudaDeviceState st = on(cond, x, y, out);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_where", out.numel(), arg(a, cond), arg(a, x), arg(a, y), arg(a, out), out.numel());
        }
    }

    // ---------------------------------------------------------------- reductions

    /** Threads of jt_reduce_block: its REDUCE_BLOCK (a power of two; the kernel's shared arrays have this size). */
    private static final int REDUCE_BLOCK = 256;
    /**
     * A block per output for outputs of at least this many elements when there are fewer than
     * {@link #BLOCK_REDUCE_MAX_OUTPUTS}: one thread per output then leaves most of the GPU idle while each thread
     * loads its elements one after another (a conv bias gradient: 32 outputs of 43,264 elements). With many outputs
     * (or short ones) one thread each fills the GPU and reads neighbouring outputs side by side.
     */
    private static final long BLOCK_REDUCE_MIN_LENGTH = 256, BLOCK_REDUCE_MAX_OUTPUTS = 32_768;

    @Override
    public void reduce(ReduceOp op, Strided in, int[] dims, Strided out) {
        CudaDeviceState st = on(in, out);
        st.makeCurrent();
        int[] sorted = Arrays.stream(dims).sorted().distinct().toArray();
        long[] innerShape = new long[sorted.length], innerStride = new long[sorted.length];
        long m = 1;
        for (int i = 0; i < sorted.length; i++) {
            innerShape[i] = in.shape()[sorted[i]];
            innerStride[i] = in.stride()[sorted[i]];
            m *= innerShape[i];
        }
        try (Arena a = Arena.ofConfined()) {
            // `in` is addressed with out's shape (1 at reduced dims) for the base of each output, then `inner` walks the rest
            MemorySegment inner = TensorArgs.of(a, 0, in.dtype(), innerShape, innerStride);
            if (m >= BLOCK_REDUCE_MIN_LENGTH && out.numel() < BLOCK_REDUCE_MAX_OUTPUTS) {
                st.kernels().launchBlocks("jt_reduce_block", out.numel(), REDUCE_BLOCK, op.ordinal(), arg(a, in), inner, arg(a, out), out.numel(), m);
            } else {
                st.kernels().launch("jt_reduce", out.numel(), op.ordinal(), arg(a, in), inner, arg(a, out), out.numel(), m);
            }
        }
    }

    /** One thread per output along {@code dim}; the first index of the extremum, NaN winning (as the CPU backend). */
    @Override
    public void reduceWithIndex(ReduceOp op, Strided in, int dim, Strided values, Strided indices) {
        if (op != ReduceOp.MAX && op != ReduceOp.MIN) throw new IllegalArgumentException("reduceWithIndex takes MAX or MIN, got " + op);
        CudaDeviceState st = on(in, values, indices);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_reduce_index", values.numel(), op.ordinal(), arg(a, in), arg(a, values), arg(a, indices),
                    stepBytes(in, dim), values.numel(), in.shape()[dim]);
        }
    }

    /** One thread per row along {@code dim}, in double (a reference kernel: no shared-memory reduction yet). */
    @Override
    public void softmax(Strided in, int dim, boolean log, Strided out) {
        CudaDeviceState st = on(in, out);
        st.makeCurrent();
        long[] rows = in.shape().clone();
        rows[dim] = 1;
        long n = Arrays.stream(rows).reduce(1, Math::multiplyExact);
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_softmax", n, arg(a, in), arg(a, out),
                    TensorArgs.of(a, 0, in.dtype(), rows, Strided.contiguousStrides(rows)),
                    stepBytes(in, dim), stepBytes(out, dim), log ? 1 : 0, n, in.shape()[dim]);
        }
    }

    /** Bytes between neighbours along {@code dim}. */
    private static long stepBytes(Strided s, int dim) { return s.stride()[dim] * s.dtype().itemSize(); }

    @Override
    public void scan(ScanOp op, Strided in, int dim, Strided out) { throw notYet("cumulative " + op); }

    @Override
    public void sort(Strided in, int dim, boolean descending, boolean stable, Strided values, Strided indices) { throw notYet("sort"); }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Row-major {@code out[b] = a[b] @ bm[b]} as the column-major product {@code out^T = bm^T a^T}, one strided-batched
     * cuBLAS call on contiguous float32 operands (others are copied contiguous first).
     */
    @Override
    public void matmul(Strided a, Strided bm, Strided out) {
        int type = switch (out.dtype()) {
            case FLOAT32 -> Cublas.R_32F;
            case FLOAT16 -> Cublas.R_16F;
            case BFLOAT16 -> Cublas.R_16BF;
            default -> throw notYet("matmul of " + out.dtype());
        };
        CudaDeviceState st = on(a, bm, out);
        st.makeCurrent();
        Cublas cublas = st.runtime().cublas();
        long handle = st.cublas();
        long batch = out.shape()[0], m = out.shape()[1], n = out.shape()[2], k = a.shape()[2];
        if (!out.isContiguous()) throw notYet("matmul into a non-contiguous output");
        if (m == 0 || n == 0) return;
        if (k == 0) { // an empty sum: zeros (out may come unfilled, see allocateForWrite)
            st.runtime().cudart().memset(address(out), 0, out.numel() * out.dtype().itemSize());
            return;
        }
        try (Allocation ac = contiguousCopy(st, a); Allocation bc = contiguousCopy(st, bm)) {
            long pa = ac == null ? address(a) : ac.pointer(), pb = bc == null ? address(bm) : bc.pointer();
            cublas.gemmStridedBatched(handle, Cublas.OP_N, Cublas.OP_N, (int) n, (int) m, (int) k, 1f,
                    pb, (int) n, k * n, pa, (int) Math.max(k, 1), m * k, 0f, address(out), (int) n, m * n, (int) batch,
                    type, Cublas.COMPUTE_32F);
        }
    }

    /**
     * float16 and bfloat16 operands go to cuBLAS as they are (tensor cores, float32 accumulation, one rounding: what
     * the CPU's float32 product rounded back gives, up to the order of the sums).
     */
    @Override
    public DType matmulDtype(DType dtype) {
        return dtype == DType.FLOAT16 || dtype == DType.BFLOAT16 ? dtype : dtype.computeType();
    }

    /** null when {@code s} is already contiguous, else a contiguous device copy (freed by the caller). */
    private static Allocation contiguousCopy(CudaDeviceState st, Strided s) {
        if (s.isContiguous()) return null;
        Allocation tmp = st.allocator().allocate(s.numel() * s.dtype().itemSize());
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_copy", s.numel(), arg(a, s), contiguousArg(a, tmp.pointer(), s), s.numel());
        }
        return tmp;
    }

    // ---------------------------------------------------------------- autograd helpers and indexing

    /** The compute dtype is float32 or float64 (Elementwise casts reduced floats), the threshold rounded to it, as on the CPU. */
    @Override
    public void thresholdBackward(Strided grad, Strided self, double threshold, Strided out) {
        CudaDeviceState st = on(grad, self, out);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_threshold_backward", out.numel(), arg(a, grad), arg(a, self), arg(a, out),
                    out.dtype() == DType.FLOAT32 ? (double) (float) threshold : threshold, out.numel());
        }
    }

    /** Positions are int64 and already checked by the caller (Indexing), as on the CPU. */
    @Override
    public void indexSelect(Strided in, int dim, Strided index, Strided out) {
        CudaDeviceState st = on(in, index, out);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_index_select", out.numel(), arg(a, in), arg(a, index), arg(a, out), dim, out.numel());
        }
    }

    @Override
    public void gather(Strided in, int dim, Strided index, Strided out) {
        CudaDeviceState st = on(in, index, out);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_gather", out.numel(), arg(a, in), arg(a, index), arg(a, out), dim, out.numel());
        }
    }

    /**
     * One thread per index element. scatter_add adds atomically (1- and 2-byte dtypes by compare-and-swap of their
     * word), so the order of additions into one place, and the last bits of a float sum, vary from run to run, as in
     * PyTorch.
     */
    @Override
    public void scatter(Strided self, int dim, Strided index, Strided src, boolean add) {
        CudaDeviceState st = on(self, index, src);
        st.makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            st.kernels().launch("jt_scatter", index.numel(), arg(a, self), arg(a, index), arg(a, src), dim, add ? 1 : 0, index.numel());
        }
    }

    // ---------------------------------------------------------------- convolution and pooling (float32, float64)

    /** One thread per column element; operands contiguous, as the SPI promises. */
    @Override
    public void im2col(Strided in, Window2d w, Strided out) {
        CudaDeviceState st = on(in, out);
        st.makeCurrent();
        long[] s = in.shape();
        st.kernels().launch(floating("jt_im2col", in.dtype(), "im2col"), out.numel(),
                withWindow(w, address(in), address(out), (int) s[0], (int) s[1], (int) s[2], (int) s[3]));
    }

    /** One thread per input element, summing the columns that read it (no atomics, so the same bits every run). */
    @Override
    public void col2im(Strided cols, Window2d w, Strided out) {
        CudaDeviceState st = on(cols, out);
        st.makeCurrent();
        long[] s = out.shape();
        st.kernels().launch(floating("jt_col2im", out.dtype(), "col2im"), out.numel(),
                withWindow(w, address(cols), address(out), (int) s[0], (int) s[1], (int) s[2], (int) s[3]));
    }

    @Override
    public void maxPool2d(Strided in, Window2d w, Strided values, Strided indices) {
        CudaDeviceState st = on(in, values, indices);
        st.makeCurrent();
        long[] s = in.shape();
        st.kernels().launch(floating("jt_max_pool", in.dtype(), "max_pool2d"), values.numel(),
                withWindow(w, address(in), address(values), address(indices), s[0], (int) s[1], (int) s[2]));
    }

    /**
     * {@code out} zeroed, then each gradient added at its index atomically (so with overlapping windows the last bits
     * of a sum vary from run to run, as in PyTorch). An index outside the plane throws as on the CPU, after the kernel.
     */
    @Override
    public void maxPool2dBackward(Strided grad, Strided indices, Strided out) {
        CudaDeviceState st = on(grad, indices, out);
        st.makeCurrent();
        String kernel = floating("jt_max_pool_backward", out.dtype(), "max_pool2d_with_indices_backward");
        Cudart cudart = st.runtime().cudart();
        long plane = out.shape()[1] * out.shape()[2], outs = grad.numel() / Math.max(out.shape()[0], 1);
        cudart.memset(address(out), 0, out.numel() * out.dtype().itemSize());
        try (Allocation bad = st.allocator().allocate(Integer.BYTES); Arena a = Arena.ofConfined()) {
            cudart.memset(bad.pointer(), 0, Integer.BYTES);
            st.kernels().launch(kernel, grad.numel(), address(grad), address(indices), address(out), grad.numel(), outs, plane, bad.pointer());
            MemorySegment flag = a.allocate(Integer.BYTES);
            cudart.copyToHost(flag, bad.pointer(), Integer.BYTES);
            if (flag.get(ValueLayout.JAVA_INT, 0) != 0) {
                throw new IndexOutOfBoundsException("max_pool2d backward: an index is out of bounds for a plane of " + plane + " elements");
            }
        }
    }

    /** {@code head} followed by the window as the kernels' WINDOW_PARAMS take it (each pair height, then width). */
    static Object[] withWindow(Window2d w, Object... head) {
        Object[] args = Arrays.copyOf(head, head.length + 10);
        Object[] window = {w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.padH(), w.padW(), w.dilationH(),
                w.dilationW(), w.outH(), w.outW()};
        System.arraycopy(window, 0, args, head.length, window.length);
        return args;
    }

    /** The float32 or float64 variant of a kernel; other dtypes reach these primitives only as those compute dtypes. */
    private static String floating(String kernel, DType dtype, String op) {
        return switch (dtype) {
            case FLOAT32 -> kernel + "_f32";
            case FLOAT64 -> kernel + "_f64";
            default -> throw new IllegalArgumentException(op + ": unsupported compute dtype " + dtype);
        };
    }

    // ---------------------------------------------------------------- not yet on CUDA

    @Override
    public void luFactor(Strided a, Strided lu, Strided pivots, Strided info) { throw notYet("lu_factor"); }

    @Override
    public void triangularSolve(Strided a, Strided rhs, boolean upper, boolean unitDiagonal, Strided out) { throw notYet("solve_triangular"); }

    @Override
    public void cholesky(Strided a, Strided out, Strided info) { throw notYet("cholesky"); }

    @Override
    public void eigh(Strided a, Strided values, Strided vectors, Strided info) { throw notYet("eigh"); }

    @Override
    public void qr(Strided a, Strided q, Strided r) { throw notYet("qr"); }

    @Override
    public void svd(Strided a, Strided u, Strided s, Strided vh, Strided info) { throw notYet("svd"); }

    @Override
    public void conv3x3(Strided in, Strided weight, Strided bias, dev.jtorch.ops.Window2d window, Strided out) { throw notYet("conv3x3"); }

    @Override
    public void conv3x3InputGrad(Strided grad, Strided weight, dev.jtorch.ops.Window2d window, Strided out) { throw notYet("conv3x3 input gradient"); }

    @Override
    public void conv3x3WeightGrad(Strided in, Strided grad, dev.jtorch.ops.Window2d window, Strided out) { throw notYet("conv3x3 weight gradient"); }

    @Override
    public long countNonzero(Strided in) { throw notYet("count_nonzero"); }

    @Override
    public void nonzero(Strided in, Strided out) { throw notYet("nonzero"); }

    // ---------------------------------------------------------------- fused optimizer updates

    /** One kernel instead of a multiply and an add (SGD's and RMSprop's steps), with the same roundings. */
    @Override
    public boolean addScaled(Strided self, Strided other, double alpha) {
        if (!contiguousFloat32(self, other)) return false;
        CudaDeviceState st = on(self, other);
        st.makeCurrent();
        st.kernels().launch("jt_add_scaled_f32", self.numel(), address(self), address(other), (float) alpha, self.numel());
        return true;
    }

    /** One kernel instead of Adam's ten tensor ops per parameter, with their roundings (see the SPI). */
    @Override
    public boolean adamStep(Strided param, Strided grad, Strided expAvg, Strided expAvgSq, double beta1, double beta2,
                            double stepSize, double bc2Sqrt, double eps) {
        if (!contiguousFloat32(param, grad, expAvg, expAvgSq)) return false;
        CudaDeviceState st = on(param, grad, expAvg, expAvgSq);
        st.makeCurrent();
        // the constants as float32, as the tensor ops convert them (and the CPU's OptimKernels.Adam)
        st.kernels().launch("jt_adam_step_f32", param.numel(), address(param), address(grad), address(expAvg), address(expAvgSq),
                param.numel(), (float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) -stepSize,
                (float) bc2Sqrt, (float) eps);
        return true;
    }

    /** The fused kernels' operands: contiguous FLOAT32 CUDA tensors (anything else takes the tensor ops). */
    private static boolean contiguousFloat32(Strided... operands) {
        for (Strided s : operands) {
            if (!(s.storage() instanceof CudaStorage) || s.dtype() != DType.FLOAT32 || !s.isContiguous()) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- torch.cuda

    /** The answers behind {@link dev.jtorch.Cuda}. */
    private final class Devices implements DeviceRuntime {
        @Override
        public boolean isAvailable() { return CudaRuntime.system().available(); }

        @Override
        public String unavailableReason() { return CudaRuntime.system().reason(); }

        @Override
        public int deviceCount() { return CudaRuntime.system().deviceCount(); }

        @Override
        public String deviceName(int device) { return CudaRuntime.system().cudart().deviceName(device); }

        @Override
        public long[] memGetInfo(int device) {
            CudaDeviceState st = state(Device.cuda(device));
            st.makeCurrent();
            return st.runtime().cudart().memGetInfo();
        }

        @Override
        public void synchronize(int device) {
            CudaDeviceState st = state(Device.cuda(device));
            st.makeCurrent();
            st.runtime().cudart().deviceSynchronize();
        }

        @Override
        public long memoryAllocated(int device) { return state(Device.cuda(device)).allocator().stats().allocated(); }

        @Override
        public long memoryReserved(int device) { return state(Device.cuda(device)).allocator().stats().reserved(); }

        @Override
        public long maxMemoryAllocated(int device) { return state(Device.cuda(device)).allocator().stats().peakAllocated(); }

        @Override
        public void emptyCache() {
            CudaDeviceState[] ds = devices;
            if (ds == null) return;
            for (CudaDeviceState st : ds) {
                st.makeCurrent();
                st.allocator().emptyCache();
            }
        }
    }
}

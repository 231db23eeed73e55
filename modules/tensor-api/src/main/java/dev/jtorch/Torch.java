package dev.jtorch;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.UnaryOp;

import dev.jtorch.spi.Backend;
import dev.jtorch.spi.HostStorage;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code torch.*} namespace: creation functions, global settings and the static forms of ops.
 * <pre>{@code import static dev.jtorch.Torch.*;  Tensor x = ones(2, 3); }</pre>
 */
public final class Torch {
    private static volatile DType defaultDtype = DType.FLOAT32;
    private static final Generator DEFAULT_GENERATOR = new Generator();

    private Torch() {}

    // ---- settings

    public static DType getDefaultDtype() { return defaultDtype; }

    /** As {@code torch.set_default_dtype}: only floating types are allowed. */
    public static void setDefaultDtype(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("only floating-point types are supported as the default type");
        }
        defaultDtype = dtype;
    }

    /** How tensors print from now on, as {@code torch.set_printoptions}. */
    public static void setPrintOptions(PrintOptions options) { TensorPrinter.setOptions(options); }

    /** As {@code torch.set_printoptions(profile=name)}: {@code default}, {@code short} or {@code full}. */
    public static void setPrintOptions(String profile) { TensorPrinter.setOptions(PrintOptions.profile(profile)); }

    public static PrintOptions getPrintOptions() { return TensorPrinter.options(); }

    /** Back to PyTorch's default print options. */
    public static void resetPrintOptions() { TensorPrinter.setOptions(PrintOptions.DEFAULT); }

    /** {@code torch.autocast(deviceType, dtype)}: mixed precision in a try-with-resources scope (see {@link Autocast}). */
    public static Autocast.Scope autocast(Device.Type deviceType, DType dtype) { return Autocast.autocast(deviceType, dtype); }

    /** {@code torch.autocast(deviceType)} with the device's default dtype (CPU bfloat16, CUDA float16). */
    public static Autocast.Scope autocast(Device.Type deviceType) { return Autocast.autocast(deviceType); }

    /** {@code torch.autocast(deviceType, dtype, enabled, cache_enabled)}. */
    public static Autocast.Scope autocast(Device.Type deviceType, DType dtype, boolean enabled, boolean cacheEnabled) {
        return Autocast.autocast(deviceType, dtype, enabled, cacheEnabled);
    }

    /** Seeds the default generator (same seed, same numbers, every run). */
    public static Generator manualSeed(long seed) { return DEFAULT_GENERATOR.manualSeed(seed); }

    public static Generator defaultGenerator() { return DEFAULT_GENERATOR; }

    /** The default generator's seed ({@code torch.initial_seed()}). */
    public static long initialSeed() { return DEFAULT_GENERATOR.initialSeed(); }

    /** Seeds the default generator non-deterministically and returns the seed ({@code torch.seed()}). */
    public static long seed() { return DEFAULT_GENERATOR.seed(); }

    /** The default generator's state, interchangeable with {@code torch.get_rng_state()}. */
    public static Tensor getRngState() { return DEFAULT_GENERATOR.getState(); }

    public static void setRngState(Tensor state) { DEFAULT_GENERATOR.setState(state); }

    /** Threads used by large CPU kernels, as {@code torch.set_num_threads}. */
    public static void setNumThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("Number of threads must be positive, got " + threads);
        Backends.forDevice(Device.CPU).setNumThreads(threads);
    }

    public static int getNumThreads() { return Backends.forDevice(Device.CPU).numThreads(); }

    /** The backend used for a device, e.g. {@code simd (Vector API, 16 float lanes ...)}. */
    public static String backendInfo(Device device) {
        Backend b = Backends.forDevice(device);
        return b.name() + ": " + b.description();
    }

    public static String backendInfo() { return backendInfo(Device.CPU); }

    // ---- scalars: Java numbers as 0-dim tensors that promote like Python numbers

    /** A Java double as PyTorch treats a Python float in an op: a 0-dim "wrapped number". */
    public static Tensor scalar(double value) { return Creation.wrapped(value); }

    public static Tensor scalar(long value) { return Creation.wrapped(value); }

    public static Tensor scalar(boolean value) { return Creation.wrapped(value); }

    // ---- from Java data (copies); Java values follow Python's rules: double/float -> default dtype,
    // long/int/short/byte -> int64, boolean -> bool

    /** A 0-dim tensor of the default dtype. */
    public static Tensor tensor(double value) { return Interop.fromNested(value, null); }

    public static Tensor tensor(long value) { return Interop.fromNested(value, null); }

    public static Tensor tensor(boolean value) { return Interop.fromNested(value, null); }

    /** A 1-D tensor of the default dtype: {@code tensor(5.5, 3)}. */
    public static Tensor tensor(double... values) { return Interop.fromNested(values, null); }

    public static Tensor tensor(float... values) { return Interop.fromNested(values, null); }

    public static Tensor tensor(long... values) { return Interop.fromNested(values, null); }

    public static Tensor tensor(int... values) { return Interop.fromNested(values, null); }

    public static Tensor tensor(boolean... values) { return Interop.fromNested(values, null); }

    /** From a nested primitive array of any rank ({@code float[][]}, {@code long[][][]}, ...). */
    public static Tensor tensor(Object nestedArray) { return Interop.fromNested(nestedArray, null); }

    public static Tensor tensor(Object nestedArray, DType dtype) { return Interop.fromNested(nestedArray, dtype); }

    /** As {@code torch.tensor(data, dtype=..., requires_grad=...)}; dtype may be null (inferred). */
    public static Tensor tensor(Object nestedArray, DType dtype, boolean requiresGrad) {
        return Autograd.requiringGradAtCreation(Interop.fromNested(nestedArray, dtype), requiresGrad);
    }

    // ---- zero-copy wraps (as torch.from_numpy: the tensor shares the caller's memory)

    public static Tensor from(float[] data, long... shape) { return Creation.wrap(HostStorage.wrapArray(data, DType.FLOAT32), DType.FLOAT32, data.length, shape); }

    public static Tensor from(double[] data, long... shape) { return Creation.wrap(HostStorage.wrapArray(data, DType.FLOAT64), DType.FLOAT64, data.length, shape); }

    public static Tensor from(long[] data, long... shape) { return Creation.wrap(HostStorage.wrapArray(data, DType.INT64), DType.INT64, data.length, shape); }

    public static Tensor from(int[] data, long... shape) { return Creation.wrap(HostStorage.wrapArray(data, DType.INT32), DType.INT32, data.length, shape); }

    /** Wraps host memory (heap or native) as a contiguous tensor; the caller keeps the segment alive. */
    public static Tensor from(MemorySegment segment, DType dtype, long... shape) {
        return Creation.wrap(HostStorage.wrap(segment, dtype), dtype, segment.byteSize() / dtype.itemSize(), shape);
    }

    // ---- filled tensors

    public static Tensor empty(long... shape) { return zeros(shape); }

    public static Tensor empty(long[] shape, DType dtype) { return zeros(shape, dtype); }

    public static Tensor zeros(long... shape) { return zeros(shape, defaultDtype, Device.CPU); }

    public static Tensor zeros(long[] shape, DType dtype) { return zeros(shape, dtype, Device.CPU); }

    public static Tensor zeros(long[] shape, DType dtype, Device device) { return Tensor.allocate(shape, dtype, device); }

    /** As {@code torch.zeros(*shape, dtype=..., requires_grad=...)}. */
    public static Tensor zeros(long[] shape, DType dtype, boolean requiresGrad) {
        return Autograd.requiringGradAtCreation(zeros(shape, dtype), requiresGrad);
    }

    /** As {@code torch.ones(*shape, dtype=..., requires_grad=...)}. */
    public static Tensor ones(long[] shape, DType dtype, boolean requiresGrad) {
        return Autograd.requiringGradAtCreation(ones(shape, dtype), requiresGrad);
    }

    /** As {@code torch.full(shape, value, dtype=..., requires_grad=...)}. */
    public static Tensor full(long[] shape, double value, DType dtype, boolean requiresGrad) {
        return Autograd.requiringGradAtCreation(full(shape, value, dtype), requiresGrad);
    }

    public static Tensor ones(long... shape) { return full(shape, 1.0, defaultDtype, Device.CPU); }

    public static Tensor ones(long[] shape, DType dtype) { return full(shape, 1.0, dtype, Device.CPU); }

    public static Tensor ones(long[] shape, DType dtype, Device device) { return full(shape, 1.0, dtype, device); }

    /** Filled with {@code value}, of the default dtype (PyTorch infers int64 for an integer fill: use the long overload). */
    public static Tensor full(long[] shape, double value) { return full(shape, value, defaultDtype, Device.CPU); }

    public static Tensor full(long[] shape, long value) { return full(shape, value, DType.INT64, Device.CPU); }

    public static Tensor full(long[] shape, boolean value) { return full(shape, value ? 1L : 0L, DType.BOOL, Device.CPU); }

    public static Tensor full(long[] shape, double value, DType dtype) { return full(shape, value, dtype, Device.CPU); }

    public static Tensor full(long[] shape, double value, DType dtype, Device device) {
        return Elementwise.fillRaw(Tensor.allocate(shape, dtype, device), value);
    }

    public static Tensor full(long[] shape, long value, DType dtype, Device device) {
        return Elementwise.fillRaw(Tensor.allocate(shape, dtype, device), value);
    }

    public static Tensor zerosLike(Tensor t) { return zeros(t.shape, t.dtype, t.device()); }

    public static Tensor zerosLike(Tensor t, DType dtype) { return zeros(t.shape, dtype, t.device()); }

    public static Tensor onesLike(Tensor t) { return ones(t.shape, t.dtype, t.device()); }

    public static Tensor onesLike(Tensor t, DType dtype) { return ones(t.shape, dtype, t.device()); }

    public static Tensor emptyLike(Tensor t) { return zerosLike(t); }

    public static Tensor fullLike(Tensor t, double value) { return full(t.shape, value, t.dtype, t.device()); }

    public static Tensor randLike(Tensor t) { return rand(t.shape, t.dtype); }

    public static Tensor randnLike(Tensor t) { return randn(t.shape, t.dtype); }

    // ---- ranges

    /** {@code [0, end)} as int64. */
    public static Tensor arange(long end) { return Creation.arange(0, end, 1); }

    public static Tensor arange(long start, long end) { return Creation.arange(start, end, 1); }

    public static Tensor arange(long start, long end, long step) { return Creation.arange(start, end, step); }

    /** Floating range of the default dtype, as {@code torch.arange(0., 1., 0.1)}. */
    public static Tensor arange(double start, double end, double step) { return Creation.arange(start, end, step, defaultDtype); }

    public static Tensor arange(double start, double end, double step, DType dtype) { return Creation.arange(start, end, step, dtype); }

    public static Tensor linspace(double start, double end, long steps) { return Creation.linspace(start, end, steps, defaultDtype); }

    public static Tensor linspace(double start, double end, long steps, DType dtype) { return Creation.linspace(start, end, steps, dtype); }

    public static Tensor eye(long n) { return Creation.eye(n, n, defaultDtype); }

    public static Tensor eye(long n, long m) { return Creation.eye(n, m, defaultDtype); }

    public static Tensor eye(long n, long m, DType dtype) { return Creation.eye(n, m, dtype); }

    // ---- random (default generator unless one is given)

    public static Tensor rand(long... shape) { return RandomOps.rand(shape, defaultDtype, DEFAULT_GENERATOR); }

    public static Tensor rand(long[] shape, DType dtype) { return RandomOps.rand(shape, dtype, DEFAULT_GENERATOR); }

    public static Tensor rand(long[] shape, DType dtype, Generator g) { return RandomOps.rand(shape, dtype, g); }

    public static Tensor randn(long... shape) { return RandomOps.randn(shape, defaultDtype, DEFAULT_GENERATOR); }

    /** As {@code torch.rand(*shape, dtype=..., requires_grad=...)}. */
    public static Tensor rand(long[] shape, DType dtype, boolean requiresGrad) {
        return Autograd.requiringGradAtCreation(rand(shape, dtype), requiresGrad);
    }

    /** As {@code torch.randn(*shape, dtype=..., requires_grad=...)}. */
    public static Tensor randn(long[] shape, DType dtype, boolean requiresGrad) {
        return Autograd.requiringGradAtCreation(randn(shape, dtype), requiresGrad);
    }

    public static Tensor randn(long[] shape, DType dtype) { return RandomOps.randn(shape, dtype, DEFAULT_GENERATOR); }

    public static Tensor randn(long[] shape, DType dtype, Generator g) { return RandomOps.randn(shape, dtype, g); }

    /** Integers in {@code [low, high)}, int64. */
    public static Tensor randint(long low, long high, long... shape) { return RandomOps.randint(low, high, shape, DType.INT64, DEFAULT_GENERATOR); }

    public static Tensor randint(long high, long[] shape) { return RandomOps.randint(0, high, shape, DType.INT64, DEFAULT_GENERATOR); }

    public static Tensor randint(long low, long high, long[] shape, DType dtype, Generator g) { return RandomOps.randint(low, high, shape, dtype, g); }

    public static Tensor randperm(long n) { return RandomOps.randperm(n, DType.INT64, DEFAULT_GENERATOR); }

    public static Tensor randperm(long n, Generator g) { return RandomOps.randperm(n, DType.INT64, g); }

    public static Tensor randperm(long n, DType dtype, Generator g) { return RandomOps.randperm(n, dtype, g); }

    public static Tensor normal(double mean, double std, long... shape) { return RandomOps.normal(mean, std, shape, DEFAULT_GENERATOR); }

    public static Tensor normal(double mean, double std, long[] shape, Generator g) { return RandomOps.normal(mean, std, shape, g); }

    /** Draws 0/1 with probabilities {@code p}, as {@code torch.bernoulli}. */
    public static Tensor bernoulli(Tensor p) { return RandomOps.bernoulli(p, DEFAULT_GENERATOR); }

    public static Tensor bernoulli(Tensor p, Generator g) { return RandomOps.bernoulli(p, g); }

    // ---- static forms of ops

    public static Tensor cat(List<Tensor> tensors, int dim) { return Joining.cat(tensors, dim); }

    public static Tensor cat(List<Tensor> tensors) { return Joining.cat(tensors, 0); }

    /** Where each value would go in the sorted innermost rows of sortedSequence (left side), as torch.searchsorted. */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values) { return OrderStatistics.searchsorted(sortedSequence, values, false); }

    /** right: after equal elements (PyTorch's right=True, side="right"). */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values, boolean right) {
        return OrderStatistics.searchsorted(sortedSequence, values, right);
    }

    /** The index of each input element's bucket among 1-d sorted boundaries, as torch.bucketize. */
    public static Tensor bucketize(Tensor input, Tensor boundaries) { return OrderStatistics.bucketize(input, boundaries, false); }

    public static Tensor bucketize(Tensor input, Tensor boundaries, boolean right) { return OrderStatistics.bucketize(input, boundaries, right); }

    /** Grids over 0-d or 1-d tensors with "ij" indexing, as torch.meshgrid(*tensors, indexing="ij"). */
    public static List<Tensor> meshgrid(Tensor... tensors) { return Joining.meshgrid(List.of(tensors), "ij"); }

    /** indexing is "ij" or "xy" (the first two inputs swap roles, as in NumPy). */
    public static List<Tensor> meshgrid(List<Tensor> tensors, String indexing) { return Joining.meshgrid(tensors, indexing); }

    public static Tensor cat(Tensor[] tensors, int dim) { return Joining.cat(Arrays.asList(tensors), dim); }

    public static Tensor stack(List<Tensor> tensors, int dim) { return Joining.stack(tensors, dim); }

    public static Tensor stack(List<Tensor> tensors) { return Joining.stack(tensors, 0); }

    public static Tensor stack(Tensor[] tensors, int dim) { return Joining.stack(Arrays.asList(tensors), dim); }

    public static Tensor where(Tensor condition, Tensor a, Tensor b) { return Elementwise.where(condition, a, b); }

    public static Tensor where(Tensor condition, double a, double b) { return Elementwise.where(condition, scalar(a), scalar(b)); }

    public static Tensor where(Tensor condition, Tensor a, double b) { return Elementwise.where(condition, a, scalar(b)); }

    public static Tensor where(Tensor condition, double a, Tensor b) { return Elementwise.where(condition, scalar(a), b); }

    /**
     * PyTorch's {@code torch.ops.aten.threshold_backward(grad, self, threshold)}: {@code grad} where {@code self > threshold}
     * or is NaN, else 0 (ReLU's gradient with threshold 0). One pass, no bool tensor in between.
     */
    public static Tensor thresholdBackward(Tensor grad, Tensor self, double threshold) {
        return Elementwise.thresholdBackward(grad, self, threshold);
    }

    /** {@code torch.softmax(x, dim)}: one pass per row on the CPU, PyTorch's special values (see {@link Tensor#softmax}). */
    public static Tensor softmax(Tensor x, int dim) { return Reductions.softmax(x, dim, false); }

    /** {@code torch.log_softmax(x, dim)}. */
    public static Tensor logSoftmax(Tensor x, int dim) { return Reductions.softmax(x, dim, true); }

    public static Tensor matmul(Tensor a, Tensor b) { return a.matmul(b); }

    /**
     * {@code torch.matmul(a, b, out=out)}: the product written into {@code out} (resized to the product's shape if it
     * has another; of the product's dtype), which is returned. Not differentiable, as PyTorch's out= forms.
     */
    public static Tensor matmul(Tensor a, Tensor b, Tensor out) { return MatrixProducts.matmulOut(a, b, out, false); }

    public static Tensor mm(Tensor a, Tensor b) { return a.mm(b); }

    /** {@code torch.mm(a, b, out=out)}, as {@link #matmul(Tensor, Tensor, Tensor)} for two matrices. */
    public static Tensor mm(Tensor a, Tensor b, Tensor out) { return MatrixProducts.matmulOut(a, b, out, true); }

    public static Tensor bmm(Tensor a, Tensor b) { return a.bmm(b); }

    public static Tensor einsum(String equation, Tensor... operands) { return Einsum.einsum(equation, operands); }

    public static Tensor add(Tensor a, Tensor b) { return a.add(b); }

    public static Tensor mul(Tensor a, Tensor b) { return a.mul(b); }

    public static Tensor maximum(Tensor a, Tensor b) { return a.maximum(b); }

    public static Tensor minimum(Tensor a, Tensor b) { return a.minimum(b); }

    public static Tensor exp(Tensor x) { return x.exp(); }

    // ---- out= forms (torch.add(a, b, out=c) ...): the result goes into an existing tensor, which is returned

    public static Tensor add(Tensor a, Tensor b, Tensor out) { return Elementwise.binaryOut(BinaryOp.ADD, a, b, out); }

    public static Tensor sub(Tensor a, Tensor b, Tensor out) { return Elementwise.binaryOut(BinaryOp.SUB, a, b, out); }

    public static Tensor mul(Tensor a, Tensor b, Tensor out) { return Elementwise.binaryOut(BinaryOp.MUL, a, b, out); }

    public static Tensor div(Tensor a, Tensor b, Tensor out) { return Elementwise.binaryOut(BinaryOp.DIV, a, b, out); }

    public static Tensor exp(Tensor x, Tensor out) { return Elementwise.unaryOut(UnaryOp.EXP, x, out); }

    public static Tensor log(Tensor x, Tensor out) { return Elementwise.unaryOut(UnaryOp.LOG, x, out); }

    public static Tensor sigmoid(Tensor x, Tensor out) { return Elementwise.unaryOut(UnaryOp.SIGMOID, x, out); }

    public static Tensor tanh(Tensor x, Tensor out) { return Elementwise.unaryOut(UnaryOp.TANH, x, out); }

    /** The exact (erf) GELU into {@code out}, as {@code torch._C._nn.gelu(x, out=out)}. */
    public static Tensor gelu(Tensor x, Tensor out) { return Elementwise.unaryOut(UnaryOp.GELU, x, out); }

    public static Tensor log(Tensor x) { return x.log(); }

    public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }

    public static Tensor tanh(Tensor x) { return x.tanh(); }

    public static Tensor relu(Tensor x) { return x.relu(); }

    public static Tensor sum(Tensor x) { return x.sum(); }

    public static Tensor mean(Tensor x) { return x.mean(); }

    public static Tensor max(Tensor x) { return x.max(); }

    public static ValuesIndices max(Tensor x, int dim) { return x.max(dim); }

    public static ValuesIndices max(Tensor x, int dim, boolean keepdim) { return x.max(dim, keepdim); }

    public static Tensor min(Tensor x) { return x.min(); }

    public static ValuesIndices min(Tensor x, int dim) { return x.min(dim); }

    public static Tensor clamp(Tensor x, double min, double max) { return x.clamp(min, max); }

    public static List<Tensor> chunk(Tensor x, int chunks, int dim) { return x.chunk(chunks, dim); }

    public static List<Tensor> split(Tensor x, long size, int dim) { return x.split(size, dim); }

    public static Tensor flatten(Tensor x) { return x.flatten(); }

    public static Tensor squeeze(Tensor x) { return x.squeeze(); }

    public static Tensor unsqueeze(Tensor x, int dim) { return x.unsqueeze(dim); }

    public static Tensor transpose(Tensor x, int d0, int d1) { return x.transpose(d0, d1); }

    public static Tensor tril(Tensor x) { return x.tril(); }

    public static Tensor triu(Tensor x) { return x.triu(); }

    public static Tensor nonzero(Tensor x) { return x.nonzero(); }

    public static boolean equal(Tensor a, Tensor b) { return a.equal(b); }

    public static boolean allclose(Tensor a, Tensor b) { return a.allclose(b); }

    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) { return a.allclose(b, rtol, atol); }

    public static boolean isTensor(Object o) { return o instanceof Tensor; }

    public static long numel(Tensor x) { return x.numel(); }
}

package dev.jtorch;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Backend;
import dev.jtorch.spi.GradFn;
import dev.jtorch.spi.Storage;
import dev.jtorch.spi.Strided;

import java.util.List;

/**
 * An n-dimensional strided view of a {@link Storage}, with PyTorch's semantics. This class is a
 * facade: metadata lives here, every op delegates to a small class that does one job
 * (Elementwise, Reductions, Views, Indexing, Joining, MatrixProducts, TensorPrinter ...).
 *
 * <p>In-place ops end in an underscore, as in PyTorch ({@code add_}, {@code zero_},
 * {@code resize_}); they bump the version counter shared by the tensor and its views.
 */
public final class Tensor {
    // ---- layout (mutable only through in-place metadata ops such as resize_ and transpose_)
    Storage storage;
    DType dtype;
    long[] shape;
    long[] stride;
    long offset;
    final VersionCounter version;
    /** True for a Java scalar wrapped as a 0-dim tensor: it takes part in type promotion as a Python number. */
    final boolean wrappedNumber;

    // ---- autograd state; the engine lives in module dev.jtorch.autograd
    boolean requiresGrad;
    Tensor grad;
    GradFn gradFn;
    /** Which output of {@link #gradFn} this tensor is. */
    int outputNr;
    boolean retainsGrad;
    /** The tensor this is a view of (null when it owns its layout), for autograd's view handling. */
    Tensor viewBase;
    /** The version at which a view's {@link #gradFn} was made; a newer version means its base changed under it. */
    int gradFnVersion;
    /** The engine's per-tensor data (grad accumulator, hooks); opaque to tensor.api. */
    Object autogradMeta;
    /** How a view was made: {@code Autograd.VIEW_*} (PyTorch's creation_meta, for its in-place rules). */
    byte viewCreation;

    Tensor(Storage storage, DType dtype, long[] shape, long[] stride, long offset, VersionCounter version,
           boolean wrappedNumber) {
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.stride = stride;
        this.offset = offset;
        this.version = version;
        this.wrappedNumber = wrappedNumber;
    }

    /** A new contiguous tensor of zeroed storage. */
    static Tensor allocate(long[] shape, DType dtype, Device device) {
        return allocate(shape, dtype, device, true);
    }

    /**
     * A new contiguous tensor for an op that writes every element: memory reused inside a {@link MemoryScope} is
     * not zeroed first (fresh memory still is).
     */
    static Tensor allocateForWrite(long[] shape, DType dtype, Device device) {
        return allocate(shape, dtype, device, false);
    }

    private static Tensor allocate(long[] shape, DType dtype, Device device, boolean zeroed) {
        long[] s = Shapes.checkSizes(shape);
        Storage st = device.isCpu() ? MemoryScope.allocate(dtype, Shapes.numel(s), zeroed) : null;
        if (st == null) {
            Backend backend = Backends.forDevice(device);
            st = zeroed ? backend.allocate(dtype, Shapes.numel(s), device) : backend.allocateForWrite(dtype, Shapes.numel(s), device);
            if (!device.isCpu()) MemoryScope.adopt(st); // a device tensor made in a scope goes back to its cache on close
        }
        return new Tensor(st, dtype, s, Strided.contiguousStrides(s), 0, new VersionCounter(), false);
    }

    /** A view sharing storage and version counter. */
    Tensor viewOf(long[] newShape, long[] newStride, long newOffset) {
        Tensor t = new Tensor(storage, dtype, newShape, newStride, newOffset, version, false);
        t.viewBase = viewBase != null ? viewBase : this;
        return t;
    }

    /** What a backend kernel sees. */
    Strided strided() { return new Strided(storage, dtype, shape, stride, offset); }

    // =====================================================================================
    // metadata
    // =====================================================================================

    public Size size() { return new Size(shape); }

    public Size shape() { return size(); }

    public long size(int dim) { return shape[Shapes.wrapRealDim(dim, shape.length)]; }

    public long[] stride() { return stride.clone(); }

    public long stride(int dim) { return stride[Shapes.wrapRealDim(dim, shape.length)]; }

    public long storageOffset() { return offset; }

    public int dim() { return shape.length; }

    public int ndim() { return shape.length; }

    public long numel() { return Shapes.numel(shape); }

    public DType dtype() { return dtype; }

    public Device device() { return storage.device(); }

    public int elementSize() { return dtype.itemSize(); }

    public boolean isFloatingPoint() { return dtype.isFloatingPoint(); }

    public boolean isContiguous() { return strided().isContiguous(); }

    /** The storage behind this tensor (shared with its views). */
    public Storage untypedStorage() { return storage; }

    /** How many in-place writes this tensor's data has seen (PyTorch's {@code _version}). */
    public int version() { return version.get(); }

    boolean isWrappedNumber() { return wrappedNumber; }

    // =====================================================================================
    // autograd surface (the engine is in dev.jtorch.autograd)
    // =====================================================================================

    public boolean requiresGrad() { return Autograd.requiresGrad(this); }

    /** Sets requires_grad on a leaf, as PyTorch's {@code requires_grad_}. */
    public Tensor requiresGrad_(boolean flag) {
        Autograd.setRequiresGrad(this, flag);
        return this;
    }

    public Tensor requiresGrad_() { return requiresGrad_(true); }

    /** The accumulated gradient, or null until a backward reaches this tensor. */
    public Tensor grad() { return grad; }

    /** Replaces the gradient (PyTorch's {@code x.grad = g}); null clears it. */
    public void setGrad(Tensor g) { Autograd.setGrad(this, g); }

    /** The node that made this tensor ({@code grad_fn}), or null for a leaf. */
    public GradFn gradFn() { return Autograd.gradFn(this); }

    /** True for tensors made by the user rather than by a recorded op (no {@code grad_fn}). */
    public boolean isLeaf() { return gradFn() == null; }

    /** Keeps the gradient of a non-leaf after backward. */
    public void retainGrad() { Autograd.retainGrad(this); }

    public boolean retainsGrad() { return retainsGrad; }

    /**
     * Registers a hook called with this tensor's gradient whenever one is computed; a non-null
     * result replaces the gradient (PyTorch's {@code register_hook}).
     */
    public RemovableHandle registerHook(java.util.function.UnaryOperator<Tensor> hook) {
        return Autograd.registerHook(this, hook);
    }

    /** Backward from a one-element tensor, seeded with 1. */
    public void backward() { Autograd.backward(this, null, false, false); }

    /** Backward seeded with {@code gradient} (same shape as this tensor; null for a one-element tensor). */
    public void backward(Tensor gradient) { Autograd.backward(this, gradient, false, false); }

    public void backward(Tensor gradient, boolean retainGraph) { Autograd.backward(this, gradient, retainGraph, false); }

    /** With {@code createGraph} the gradients get history of their own (higher-order derivatives). */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph, createGraph);
    }

    /** A tensor sharing storage and version counter, without history. */
    public Tensor detach() {
        return new Tensor(storage, dtype, shape, stride, offset, version, false);
    }

    /** Detaches this tensor from the graph in place, making it a leaf. */
    public Tensor detach_() {
        Autograd.detachInPlace(this);
        return this;
    }

    /**
     * PyTorch's {@code x.data = source}: this tensor takes source's storage, dtype and layout while keeping its
     * identity, requires_grad and grad (so {@code nn.Module.to(dtype)} converts parameters that layers hold in fields).
     */
    public void setData(Tensor source) {
        java.util.Objects.requireNonNull(source, "source");
        if (requiresGrad && !source.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("data set to a tensor that requires gradients must be floating point, got " + source.dtype);
        }
        storage = source.storage;
        dtype = source.dtype;
        shape = source.shape.clone();
        stride = source.stride.clone();
        offset = source.offset;
    }

    /** PyTorch's {@code .data}: shares storage, no history, and in-place updates through it are not tracked. */
    public Tensor data() {
        return new Tensor(storage, dtype, shape, stride, offset, new VersionCounter(), false);
    }

    // =====================================================================================
    // conversion
    // =====================================================================================

    public Tensor to(DType target) { return Elementwise.cast(this, target); }

    public Tensor to(Device target) { return Elementwise.toDevice(this, target); }

    public Tensor cpu() { return to(Device.CPU); }

    public Tensor cuda() { return to(Device.cuda(0)); }

    public Tensor float_() { return to(DType.FLOAT32); }

    public Tensor double_() { return to(DType.FLOAT64); }

    public Tensor long_() { return to(DType.INT64); }

    public Tensor int_() { return to(DType.INT32); }

    public Tensor bool_() { return to(DType.BOOL); }

    public Tensor half() { return to(DType.FLOAT16); }

    /** The value of a one-element tensor, as a double. */
    public double item() { return Elementwise.itemDouble(this); }

    /** The value of a one-element tensor, as an exact long (integral and bool tensors). */
    public long itemLong() { return Elementwise.itemLong(this); }

    public boolean itemBoolean() { return item() != 0; }

    public Tensor contiguous() { return isContiguous() ? this : clone(); }

    /** A contiguous copy with the same dtype and device, recorded for autograd. */
    @Override
    public Tensor clone() { return Elementwise.cloneOf(this); }

    public float[] toFloatArray() { return Interop.toFloatArray(this); }

    public double[] toDoubleArray() { return Interop.toDoubleArray(this); }

    public long[] toLongArray() { return Interop.toLongArray(this); }

    public int[] toIntArray() { return Interop.toIntArray(this); }

    public boolean[] toBooleanArray() { return Interop.toBooleanArray(this); }

    /** A nested Java array of this tensor's rank (float[][] for a 2-D float32 tensor, ...). */
    public Object toArray() { return Interop.toNestedArray(this); }

    /** A list of sub-tensors along dim 0, as Python's {@code list(t)}. */
    public List<Tensor> toList() { return Joining.unbind(this, 0); }

    // =====================================================================================
    // views
    // =====================================================================================

    public Tensor view(long... newShape) { return Views.view(this, newShape); }

    /** Reinterprets the elements with another dtype of the same width (PyTorch's {@code view(dtype)}). */
    public Tensor view(DType target) { return Views.viewAsDType(this, target); }

    public Tensor viewAs(Tensor other) { return view(other.shape); }

    public Tensor reshape(long... newShape) { return Views.reshape(this, newShape); }

    public Tensor reshapeAs(Tensor other) { return reshape(other.shape); }

    public Tensor flatten() { return Views.flatten(this, 0, -1); }

    public Tensor flatten(int startDim) { return Views.flatten(this, startDim, -1); }

    public Tensor flatten(int startDim, int endDim) { return Views.flatten(this, startDim, endDim); }

    public Tensor unflatten(int dim, long... sizes) { return Views.unflatten(this, dim, sizes); }

    public Tensor permute(int... dims) { return Views.permute(this, dims); }

    public Tensor transpose(int dim0, int dim1) { return Views.transpose(this, dim0, dim1); }

    /** torch.swapaxes, the alias of transpose. */
    public Tensor swapaxes(int axis0, int axis1) { return transpose(axis0, axis1); }

    /** torch.swapdims, the alias of transpose. */
    public Tensor swapdims(int dim0, int dim1) { return transpose(dim0, dim1); }

    /** The view with dim {@code source} moved to position {@code destination}, the others in order, as torch.movedim. */
    public Tensor movedim(int source, int destination) { return Views.movedim(this, new int[]{source}, new int[]{destination}); }

    public Tensor movedim(int[] source, int[] destination) { return Views.movedim(this, source, destination); }

    /** torch.moveaxis, the alias of movedim. */
    public Tensor moveaxis(int source, int destination) { return movedim(source, destination); }

    /** The elements as a 1-d tensor (a view when possible), as torch.ravel. */
    public Tensor ravel() { return reshape(-1); }

    public Tensor t() { return Views.t(this); }

    /** The transpose of a tensor of rank &le; 2 ({@code x.T}). */
    public Tensor T() { return Views.reverseDims(this); }

    /** Transposes the last two dims ({@code x.mT}). */
    public Tensor mT() { return transpose(-2, -1); }

    public Tensor squeeze() { return Views.squeeze(this); }

    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }

    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }

    public Tensor expand(long... sizes) { return Views.expand(this, sizes); }

    public Tensor expandAs(Tensor other) { return expand(other.shape); }

    public Tensor broadcastTo(long... sizes) { return expand(sizes); }

    public Tensor narrow(int dim, long start, long length) { return Views.narrow(this, dim, start, length); }

    public Tensor select(int dim, long index) { return Views.select(this, dim, index); }

    /** {@code x[start:end:step]} along {@code dim}; null bounds mean the ends; negatives count from the end. */
    public Tensor slice(int dim, Long start, Long end, long step) { return Views.slice(this, dim, start, end, step); }

    public Tensor slice(int dim, long start, long end) { return Views.slice(this, dim, start, end, 1); }

    public Tensor unfold(int dim, long size, long step) { return Views.unfold(this, dim, size, step); }

    public Tensor diagonal() { return Views.diagonal(this, 0, 0, 1); }

    /** A vector's diagonal matrix, or a matrix's main diagonal as a new vector, as torch.diag. */
    public Tensor diag() { return Diagonals.diag(this, 0); }

    public Tensor diag(long diagonal) { return Diagonals.diag(this, diagonal); }

    /** The sum of a matrix's main diagonal, as torch.trace. */
    public Tensor trace() { return Diagonals.trace(this); }

    public Tensor diagonal(long offset, int dim1, int dim2) { return Views.diagonal(this, offset, dim1, dim2); }

    public Tensor asStrided(long[] size, long[] stride) { return Views.asStrided(this, size, stride, offset); }

    public Tensor asStrided(long[] size, long[] stride, long storageOffset) {
        return Views.asStrided(this, size, stride, storageOffset);
    }

    /** Resizes in place, keeping the existing elements; grows the storage when needed. */
    public Tensor resize_(long... sizes) { return Views.resizeInPlace(this, sizes); }

    public Tensor resizeAs_(Tensor other) { return resize_(other.shape); }

    public Tensor squeeze_() { return Views.setLayout(this, squeeze()); }

    public Tensor squeeze_(int dim) { return Views.setLayout(this, squeeze(dim)); }

    public Tensor unsqueeze_(int dim) { return Views.setLayout(this, unsqueeze(dim)); }

    public Tensor transpose_(int dim0, int dim1) { return Views.setLayout(this, transpose(dim0, dim1)); }

    public Tensor t_() { return Views.setLayout(this, t()); }

    // =====================================================================================
    // indexing
    // =====================================================================================

    /**
     * Concise indexing: {@code x.get(":, 1")}, {@code x.get("1:3, ::2")}, {@code x.get("..., None")},
     * {@code x.get("-1")}. The result is a view whenever PyTorch's would be.
     */
    public Tensor get(String spec) { return Indexing.get(this, Index.parse(spec)); }

    /** Programmatic indexing: longs/ints select, {@link Index} for slices, ellipsis and None, tensors for advanced indexing. */
    public Tensor get(Object... indices) { return Indexing.get(this, Index.of(indices)); }

    /** {@code x[spec] = value}. */
    public Tensor set(String spec, Tensor value) { Indexing.set(this, Index.parse(spec), value); return this; }

    public Tensor set(String spec, double value) { Indexing.set(this, Index.parse(spec), Torch.scalar(value)); return this; }

    /** {@code x[indices] = value} with programmatic indices. */
    public Tensor set(Object[] indices, Tensor value) { Indexing.set(this, Index.of(indices), value); return this; }

    public Tensor set(Object[] indices, double value) { Indexing.set(this, Index.of(indices), Torch.scalar(value)); return this; }

    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }

    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }

    /** The elements at flat positions (negative from the end) in index's shape, as torch.take. */
    public Tensor take(Tensor index) { return IndexComposites.take(this, index); }

    /** gather over the flattened input, as torch.take_along_dim without dim. */
    public Tensor takeAlongDim(Tensor indices) { return IndexComposites.takeAlongDim(this, indices); }

    /** gather along dim after broadcasting this and indices over the other dims, as torch.take_along_dim. */
    public Tensor takeAlongDim(Tensor indices, int dim) { return IndexComposites.takeAlongDim(this, indices, dim); }

    /** A copy with source's slices added at positions index along dim (repeats accumulate), as index_add. */
    public Tensor indexAdd(int dim, Tensor index, Tensor source) { return IndexComposites.indexAdd(this, dim, index, source, 1, false); }

    public Tensor indexAdd(int dim, Tensor index, Tensor source, double alpha) {
        return IndexComposites.indexAdd(this, dim, index, source, alpha, false);
    }

    public Tensor indexAdd_(int dim, Tensor index, Tensor source) { return IndexComposites.indexAdd(this, dim, index, source, 1, true); }

    public Tensor indexAdd_(int dim, Tensor index, Tensor source, double alpha) {
        return IndexComposites.indexAdd(this, dim, index, source, alpha, true);
    }

    /** A copy with source's slices written at positions index along dim, as index_copy. */
    public Tensor indexCopy(int dim, Tensor index, Tensor source) { return IndexComposites.indexCopy(this, dim, index, source, false); }

    public Tensor indexCopy_(int dim, Tensor index, Tensor source) { return IndexComposites.indexCopy(this, dim, index, source, true); }

    /** A copy with the slices at positions index along dim set to value, as index_fill. */
    public Tensor indexFill(int dim, Tensor index, double value) { return IndexComposites.indexFill(this, dim, index, value, false); }

    public Tensor indexFill_(int dim, Tensor index, double value) { return IndexComposites.indexFill(this, dim, index, value, true); }

    public Tensor scatter(int dim, Tensor index, Tensor src) { return Indexing.scatter(this, dim, index, src, false, false); }

    public Tensor scatter(int dim, Tensor index, double value) {
        return Indexing.scatter(this, dim, index, Indexing.valueLike(this, index, value), false, false);
    }

    public Tensor scatter_(int dim, Tensor index, Tensor src) { return Indexing.scatter(this, dim, index, src, false, true); }

    public Tensor scatter_(int dim, Tensor index, double value) {
        return Indexing.scatter(this, dim, index, Indexing.valueLike(this, index, value), false, true);
    }

    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Indexing.scatter(this, dim, index, src, true, false); }

    public Tensor scatterAdd_(int dim, Tensor index, Tensor src) { return Indexing.scatter(this, dim, index, src, true, true); }

    /** {@code self[indices] = values} (or +=) with integer index tensors, one per leading dim. */
    public Tensor indexPut_(Tensor[] indices, Tensor values, boolean accumulate) {
        return Indexing.indexPut(this, indices, values, accumulate);
    }

    public Tensor maskedFill(Tensor mask, double value) { return Indexing.maskedFill(this, mask, value, false); }

    public Tensor maskedFill_(Tensor mask, double value) { return Indexing.maskedFill(this, mask, value, true); }

    public Tensor maskedSelect(Tensor mask) { return Indexing.maskedSelect(this, mask); }

    public Tensor nonzero() { return Indexing.nonzero(this); }

    /** The indices of the non-zero elements, one row each, as torch.argwhere. */
    public Tensor argwhere() { return nonzero(); }

    /** How often each value of this 1-d non-negative integer tensor occurs, as torch.bincount. */
    public Tensor bincount() { return IndexComposites.bincount(this, null, 0); }

    /** The sums of weights per value, at least minlength of them, as torch.bincount(weights, minlength). */
    public Tensor bincount(Tensor weights, long minlength) { return IndexComposites.bincount(this, weights, minlength); }

    /** {@code torch.where(cond, self, other)} written as {@code self.where(cond, other)}. */
    public Tensor where(Tensor condition, Tensor other) { return Elementwise.where(condition, this, other); }

    public Tensor where(Tensor condition, double other) { return Elementwise.where(condition, this, Torch.scalar(other)); }

    // =====================================================================================
    // joining and reshaping copies
    // =====================================================================================

    public List<Tensor> chunk(int chunks, int dim) { return Joining.chunk(this, chunks, dim); }

    public List<Tensor> chunk(int chunks) { return Joining.chunk(this, chunks, 0); }

    public List<Tensor> split(long splitSize, int dim) { return Joining.split(this, splitSize, dim); }

    public List<Tensor> split(long splitSize) { return Joining.split(this, splitSize, 0); }

    public List<Tensor> split(long[] sections, int dim) { return Joining.split(this, sections, dim); }

    public List<Tensor> unbind(int dim) { return Joining.unbind(this, dim); }

    public List<Tensor> unbind() { return Joining.unbind(this, 0); }

    public Tensor repeat(long... repeats) { return Joining.repeat(this, repeats); }

    public Tensor tile(long... reps) { return Joining.tile(this, reps); }

    public Tensor flip(int... dims) { return Joining.flip(this, dims); }

    public Tensor flipud() { return Joining.flipud(this); }

    public Tensor fliplr() { return Joining.fliplr(this); }

    /** k quarter turns in the plane of dims (from the first towards the second), as torch.rot90. */
    public Tensor rot90(long k, int dim0, int dim1) { return Joining.rot90(this, k, new int[]{dim0, dim1}); }

    public Tensor rot90() { return rot90(1, 0, 1); }

    /** The first forward difference along the last dim, as torch.diff. */
    public Tensor diff() { return Joining.diff(this, 1, -1, null, null); }

    /** The n-th forward difference along dim, prepend and append (either may be null) joined first. */
    public Tensor diff(int n, int dim, Tensor prepend, Tensor append) { return Joining.diff(this, n, dim, prepend, append); }

    public Tensor roll(long shift, int dim) { return Joining.roll(this, new long[]{shift}, new int[]{dim}); }

    public Tensor roll(long[] shifts, int[] dims) { return Joining.roll(this, shifts, dims); }

    /** Rolls the flattened tensor and restores its shape. */
    public Tensor roll(long shift) { return Joining.roll(this, new long[]{shift}, new int[0]); }

    public Tensor tril() { return Joining.tril(this, 0); }

    public Tensor tril(long diagonal) { return Joining.tril(this, diagonal); }

    public Tensor triu() { return Joining.triu(this, 0); }

    public Tensor triu(long diagonal) { return Joining.triu(this, diagonal); }

    // =====================================================================================
    // elementwise math (scalars on either side go through Torch.scalar)
    // =====================================================================================

    public Tensor add(Tensor other) { return Elementwise.binary(BinaryOp.ADD, this, other); }

    public Tensor add(double other) { return add(Torch.scalar(other)); }

    public Tensor add(long other) { return add(Torch.scalar(other)); }

    /** {@code self + alpha * other}. */
    public Tensor add(Tensor other, double alpha) { return Elementwise.addScaled(this, other, alpha, false); }

    public Tensor add_(Tensor other) { return Elementwise.binaryInPlace(BinaryOp.ADD, this, other); }

    public Tensor add_(double other) { return add_(Torch.scalar(other)); }

    public Tensor add_(long other) { return add_(Torch.scalar(other)); }

    public Tensor add_(Tensor other, double alpha) { return Elementwise.addScaled(this, other, alpha, true); }

    public Tensor sub(Tensor other) { return Elementwise.binary(BinaryOp.SUB, this, other); }

    public Tensor sub(double other) { return sub(Torch.scalar(other)); }

    public Tensor sub(long other) { return sub(Torch.scalar(other)); }

    public Tensor sub(Tensor other, double alpha) { return Elementwise.addScaled(this, other, -alpha, false); }

    public Tensor sub_(Tensor other) { return Elementwise.binaryInPlace(BinaryOp.SUB, this, other); }

    public Tensor sub_(double other) { return sub_(Torch.scalar(other)); }

    public Tensor sub_(long other) { return sub_(Torch.scalar(other)); }

    public Tensor sub_(Tensor other, double alpha) { return Elementwise.addScaled(this, other, -alpha, true); }

    /** {@code other - self}, as Python's {@code 2 - x}. */
    public Tensor rsub(double other) { return Torch.scalar(other).sub(this); }

    public Tensor rsub(long other) { return Torch.scalar(other).sub(this); }

    public Tensor mul(Tensor other) { return Elementwise.binary(BinaryOp.MUL, this, other); }

    public Tensor mul(double other) { return mul(Torch.scalar(other)); }

    public Tensor mul(long other) { return mul(Torch.scalar(other)); }

    public Tensor mul_(Tensor other) { return Elementwise.binaryInPlace(BinaryOp.MUL, this, other); }

    public Tensor mul_(double other) { return mul_(Torch.scalar(other)); }

    public Tensor mul_(long other) { return mul_(Torch.scalar(other)); }

    /** True division: integer inputs give a floating result. */
    public Tensor div(Tensor other) { return Elementwise.binary(BinaryOp.DIV, this, other); }

    public Tensor div(double other) { return div(Torch.scalar(other)); }

    public Tensor div(long other) { return div(Torch.scalar(other)); }

    /** Division with {@code roundingMode} null (true division), {@code "trunc"} or {@code "floor"}. */
    public Tensor div(Tensor other, String roundingMode) { return Elementwise.div(this, other, roundingMode, false); }

    public Tensor div(double other, String roundingMode) { return div(Torch.scalar(other), roundingMode); }

    public Tensor div_(Tensor other) { return Elementwise.binaryInPlace(BinaryOp.DIV, this, other); }

    public Tensor div_(double other) { return div_(Torch.scalar(other)); }

    public Tensor div_(long other) { return div_(Torch.scalar(other)); }

    public Tensor div_(Tensor other, String roundingMode) { return Elementwise.div(this, other, roundingMode, true); }

    /** {@code other / self}, as Python's {@code 1 / x}. */
    public Tensor rdiv(double other) { return Torch.scalar(other).div(this); }

    public Tensor floorDivide(Tensor other) { return div(other, "floor"); }

    public Tensor floorDivide(long other) { return div(Torch.scalar(other), "floor"); }

    public Tensor floorDivide(double other) { return div(Torch.scalar(other), "floor"); }

    /** C's fmod, as torch.fmod: the result has the sign of the dividend ({@link #remainder} takes the divisor's). */
    public Tensor fmod(Tensor other) { return Elementwise.binary(BinaryOp.FMOD, this, other); }

    public Tensor fmod(double other) { return fmod(Torch.scalar(other)); }

    public Tensor fmod(long other) { return fmod(Torch.scalar(other)); }

    public Tensor fmod_(Tensor other) { return Elementwise.binaryInPlace(BinaryOp.FMOD, this, other); }

    /** The angle of (other, this) in radians, as torch.atan2(self, other): this is y, other is x. */
    public Tensor atan2(Tensor other) { return Elementwise.binary(BinaryOp.ATAN2, this, other); }

    /** sqrt(this² + other²) without overflow or underflow in between, as torch.hypot. */
    public Tensor hypot(Tensor other) { return Elementwise.binary(BinaryOp.HYPOT, this, other); }

    /** |this| with the sign (sign bit: -0.0 counts as negative) of other, as torch.copysign. */
    public Tensor copysign(Tensor other) { return Elementwise.binary(BinaryOp.COPYSIGN, this, other); }

    public Tensor copysign(double other) { return copysign(Torch.scalar(other)); }

    /** this·log(other), 0 where this is 0 (unless other is NaN), as torch.xlogy. */
    public Tensor xlogy(Tensor other) { return PointwiseComposites.xlogy(this, other); }

    public Tensor xlogy(double other) { return xlogy(Torch.scalar(other)); }

    public Tensor logaddexp(Tensor other) { return PointwiseComposites.logaddexp(this, other); }

    /** {@code this + weight * (end - this)}, as torch.lerp. */
    public Tensor lerp(Tensor end, double weight) { return PointwiseComposites.lerp(this, end, weight); }

    public Tensor lerp(Tensor end, Tensor weight) { return PointwiseComposites.lerp(this, end, weight); }

    public Tensor lerp_(Tensor end, double weight) { return PointwiseComposites.inPlace(this, lerp(end, weight)); }

    public Tensor lerp_(Tensor end, Tensor weight) { return PointwiseComposites.inPlace(this, lerp(end, weight)); }

    /** {@code this + value * t1 * t2}, as torch.addcmul. */
    public Tensor addcmul(Tensor t1, Tensor t2) { return addcmul(t1, t2, 1.0); }

    public Tensor addcmul(Tensor t1, Tensor t2, double value) { return PointwiseComposites.addcmul(this, t1, t2, value); }

    public Tensor addcmul_(Tensor t1, Tensor t2, double value) {
        return PointwiseComposites.inPlace(this, addcmul(t1, t2, value));
    }

    /** {@code this + value * t1 / t2}, as torch.addcdiv. */
    public Tensor addcdiv(Tensor t1, Tensor t2) { return addcdiv(t1, t2, 1.0); }

    public Tensor addcdiv(Tensor t1, Tensor t2, double value) { return PointwiseComposites.addcdiv(this, t1, t2, value); }

    public Tensor addcdiv_(Tensor t1, Tensor t2, double value) {
        return PointwiseComposites.inPlace(this, addcdiv(t1, t2, value));
    }

    /** Python's {@code %}: the result has the sign of the divisor. */
    public Tensor remainder(Tensor other) { return Elementwise.binary(BinaryOp.REMAINDER, this, other); }

    public Tensor remainder(double other) { return remainder(Torch.scalar(other)); }

    public Tensor remainder(long other) { return remainder(Torch.scalar(other)); }

    public Tensor remainder_(Tensor other) { return Elementwise.binaryInPlace(BinaryOp.REMAINDER, this, other); }

    public Tensor pow(Tensor exponent) { return Elementwise.binary(BinaryOp.POW, this, exponent); }

    public Tensor pow(double exponent) { return pow(Torch.scalar(exponent)); }

    public Tensor pow(long exponent) { return pow(Torch.scalar(exponent)); }

    public Tensor pow_(Tensor exponent) { return Elementwise.binaryInPlace(BinaryOp.POW, this, exponent); }

    public Tensor pow_(double exponent) { return pow_(Torch.scalar(exponent)); }

    public Tensor pow_(long exponent) { return pow_(Torch.scalar(exponent)); }

    public Tensor maximum(Tensor other) { return Elementwise.binary(BinaryOp.MAXIMUM, this, other); }

    public Tensor minimum(Tensor other) { return Elementwise.binary(BinaryOp.MINIMUM, this, other); }

    /*
     * Comparisons with a Java number as PyTorch's with a Python one: a long is an integer scalar, which an integer
     * tensor compares in its own dtype (an int64 id beyond 2^53 compares exactly; a uint8 tensor sees -2 as 254), a
     * double a float scalar. An int literal picks the long form.
     */
    public Tensor eq(Tensor other) { return Elementwise.compare(BinaryOp.EQ, this, other); }

    public Tensor eq(double other) { return eq(Torch.scalar(other)); }

    public Tensor eq(long other) { return eq(Torch.scalar(other)); }

    public Tensor ne(Tensor other) { return Elementwise.compare(BinaryOp.NE, this, other); }

    public Tensor ne(double other) { return ne(Torch.scalar(other)); }

    public Tensor ne(long other) { return ne(Torch.scalar(other)); }

    public Tensor lt(Tensor other) { return Elementwise.compare(BinaryOp.LT, this, other); }

    public Tensor lt(double other) { return lt(Torch.scalar(other)); }

    public Tensor lt(long other) { return lt(Torch.scalar(other)); }

    public Tensor le(Tensor other) { return Elementwise.compare(BinaryOp.LE, this, other); }

    public Tensor le(double other) { return le(Torch.scalar(other)); }

    public Tensor le(long other) { return le(Torch.scalar(other)); }

    public Tensor gt(Tensor other) { return Elementwise.compare(BinaryOp.GT, this, other); }

    public Tensor gt(double other) { return gt(Torch.scalar(other)); }

    public Tensor gt(long other) { return gt(Torch.scalar(other)); }

    public Tensor ge(Tensor other) { return Elementwise.compare(BinaryOp.GE, this, other); }

    public Tensor ge(double other) { return ge(Torch.scalar(other)); }

    public Tensor ge(long other) { return ge(Torch.scalar(other)); }

    /** True when shapes and all elements are equal (as {@code torch.equal}). */
    public boolean equal(Tensor other) { return Elementwise.equal(this, other); }

    /** As {@code torch.allclose(self, other, rtol, atol)}: NaN is close to nothing. */
    public boolean allclose(Tensor other, double rtol, double atol) { return allclose(other, rtol, atol, false); }

    /** As {@code torch.allclose(self, other, rtol, atol, equal_nan)}. */
    public boolean allclose(Tensor other, double rtol, double atol, boolean equalNan) {
        Tensor close = isclose(other, rtol, atol, equalNan);
        return close.numel() == 0 || close.all().itemBoolean();
    }

    public boolean allclose(Tensor other) { return allclose(other, 1e-5, 1e-8); }

    /** As {@code torch.isclose}: |self - other| <= atol + rtol * |other| elementwise, broadcast; a bool tensor. */
    public Tensor isclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return Elementwise.isclose(this, other, rtol, atol, equalNan);
    }

    /** True where an element is NaN (never for integer and bool tensors), as {@code torch.isnan}. */
    public Tensor isnan() { return ne(this); }

    public Tensor isinf() { return PointwiseComposites.isinf(this); }

    public Tensor isposinf() { return PointwiseComposites.isposinf(this); }

    public Tensor isneginf() { return PointwiseComposites.isneginf(this); }

    /** True where an element is neither NaN nor infinite (always for integer and bool tensors). */
    public Tensor isfinite() { return PointwiseComposites.isfinite(this); }

    /** NaN to 0, +inf and -inf to the dtype's largest and lowest finite values, as torch.nan_to_num. */
    public Tensor nanToNum() { return PointwiseComposites.nanToNum(this, 0.0, null, null); }

    /** As torch.nan_to_num(nan, posinf, neginf); a null bound keeps the dtype's finite extreme. */
    public Tensor nanToNum(double nan, Double posinf, Double neginf) {
        return PointwiseComposites.nanToNum(this, nan, posinf, neginf);
    }

    /** The sum with NaN counted as zero, as torch.nansum. */
    public Tensor nansum() { return Reductions.nansum(this, null, false); }

    public Tensor nansum(int[] dims, boolean keepdim) { return Reductions.nansum(this, dims, keepdim); }

    /** The mean of the values that are not NaN, as torch.nanmean. */
    public Tensor nanmean() { return Reductions.nanmean(this, null, false); }

    public Tensor nanmean(int[] dims, boolean keepdim) { return Reductions.nanmean(this, dims, keepdim); }

    /** The number of non-zero elements (int64), as torch.count_nonzero. */
    public Tensor countNonzero() { return Reductions.countNonzero(this, null); }

    public Tensor countNonzero(int... dims) { return Reductions.countNonzero(this, dims); }

    public Tensor logicalAnd(Tensor other) { return Elementwise.compare(BinaryOp.LOGICAL_AND, this, other); }

    public Tensor logicalOr(Tensor other) { return Elementwise.compare(BinaryOp.LOGICAL_OR, this, other); }

    public Tensor logicalXor(Tensor other) { return Elementwise.compare(BinaryOp.LOGICAL_XOR, this, other); }

    public Tensor logicalNot() { return Elementwise.logicalNot(this); }

    public Tensor bitwiseAnd(Tensor other) { return Elementwise.bitwise(BinaryOp.BITWISE_AND, this, other); }

    public Tensor bitwiseAnd(long other) { return bitwiseAnd(Torch.scalar(other)); }

    public Tensor bitwiseOr(Tensor other) { return Elementwise.bitwise(BinaryOp.BITWISE_OR, this, other); }

    public Tensor bitwiseOr(long other) { return bitwiseOr(Torch.scalar(other)); }

    public Tensor bitwiseXor(Tensor other) { return Elementwise.bitwise(BinaryOp.BITWISE_XOR, this, other); }

    public Tensor bitwiseXor(long other) { return bitwiseXor(Torch.scalar(other)); }

    public Tensor bitwiseNot() { return Elementwise.unary(UnaryOp.BITWISE_NOT, this); }

    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this); }

    public Tensor abs_() { return Elementwise.unaryInPlace(UnaryOp.ABS, this); }

    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, this); }

    public Tensor neg_() { return Elementwise.unaryInPlace(UnaryOp.NEG, this); }

    public Tensor sign() { return Elementwise.unary(UnaryOp.SIGN, this); }

    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this); }

    public Tensor exp2() { return Elementwise.unary(UnaryOp.EXP2, this); }

    public Tensor exp_() { return Elementwise.unaryInPlace(UnaryOp.EXP, this); }

    public Tensor expm1() { return Elementwise.unary(UnaryOp.EXPM1, this); }

    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this); }

    public Tensor log_() { return Elementwise.unaryInPlace(UnaryOp.LOG, this); }

    public Tensor log1p() { return Elementwise.unary(UnaryOp.LOG1P, this); }

    public Tensor log2() { return Elementwise.unary(UnaryOp.LOG2, this); }

    public Tensor log10() { return Elementwise.unary(UnaryOp.LOG10, this); }

    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }

    public Tensor sqrt_() { return Elementwise.unaryInPlace(UnaryOp.SQRT, this); }

    public Tensor rsqrt() { return Elementwise.unary(UnaryOp.RSQRT, this); }

    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, this); }

    public Tensor square_() { return Elementwise.unaryInPlace(UnaryOp.SQUARE, this); }

    public Tensor reciprocal() { return Elementwise.unary(UnaryOp.RECIPROCAL, this); }

    public Tensor reciprocal_() { return Elementwise.unaryInPlace(UnaryOp.RECIPROCAL, this); }

    public Tensor sin() { return Elementwise.unary(UnaryOp.SIN, this); }

    public Tensor cos() { return Elementwise.unary(UnaryOp.COS, this); }

    public Tensor tan() { return Elementwise.unary(UnaryOp.TAN, this); }

    public Tensor asin() { return Elementwise.unary(UnaryOp.ASIN, this); }

    public Tensor acos() { return Elementwise.unary(UnaryOp.ACOS, this); }

    public Tensor atan() { return Elementwise.unary(UnaryOp.ATAN, this); }

    public Tensor sinh() { return Elementwise.unary(UnaryOp.SINH, this); }

    public Tensor cosh() { return Elementwise.unary(UnaryOp.COSH, this); }

    public Tensor asinh() { return Elementwise.unary(UnaryOp.ASINH, this); }

    public Tensor acosh() { return Elementwise.unary(UnaryOp.ACOSH, this); }

    public Tensor atanh() { return Elementwise.unary(UnaryOp.ATANH, this); }

    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this); }

    public Tensor tanh_() { return Elementwise.unaryInPlace(UnaryOp.TANH, this); }

    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }

    public Tensor sigmoid_() { return Elementwise.unaryInPlace(UnaryOp.SIGMOID, this); }

    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this); }

    public Tensor relu_() { return Elementwise.unaryInPlace(UnaryOp.RELU, this); }

    /** GELU with the exact erf formulation (PyTorch's default {@code approximate='none'}). */
    public Tensor gelu() { return Elementwise.unary(UnaryOp.GELU, this); }

    public Tensor silu() { return Elementwise.unary(UnaryOp.SILU, this); }

    public Tensor erf() { return Elementwise.unary(UnaryOp.ERF, this); }

    /** 1 − erf(x) without the cancellation of computing it so, as torch.erfc. */
    public Tensor erfc() { return Elementwise.unary(UnaryOp.ERFC, this); }

    /** The inverse error function (±inf at ±1, NaN beyond), as torch.erfinv. */
    public Tensor erfinv() { return Elementwise.unary(UnaryOp.ERFINV, this); }

    /** log(x / (1 − x)), as torch.logit. */
    public Tensor logit() { return PointwiseComposites.logit(this, null); }

    /** log(x / (1 − x)) of x clamped to [eps, 1 − eps], as torch.logit(x, eps). */
    public Tensor logit(double eps) { return PointwiseComposites.logit(this, eps); }

    /** sin(πx)/(πx), 1 at 0, as torch.sinc. */
    public Tensor sinc() { return PointwiseComposites.sinc(this); }

    public Tensor deg2rad() { return PointwiseComposites.toFloating(this).mul(Math.PI / 180); }

    public Tensor rad2deg() { return PointwiseComposites.toFloating(this).mul(180 / Math.PI); }

    /** x − trunc(x), as torch.frac (floating tensors only). */
    public Tensor frac() { return PointwiseComposites.frac(this); }

    /** The sign; for real tensors torch.sgn is torch.sign. */
    public Tensor sgn() { return sign(); }

    public Tensor floor() { return Elementwise.unary(UnaryOp.FLOOR, this); }

    public Tensor floor_() { return Elementwise.unaryInPlace(UnaryOp.FLOOR, this); }

    public Tensor ceil() { return Elementwise.unary(UnaryOp.CEIL, this); }

    public Tensor ceil_() { return Elementwise.unaryInPlace(UnaryOp.CEIL, this); }

    /** Rounds half to even, as PyTorch. */
    public Tensor round() { return Elementwise.unary(UnaryOp.ROUND, this); }

    public Tensor round_() { return Elementwise.unaryInPlace(UnaryOp.ROUND, this); }

    public Tensor trunc() { return Elementwise.unary(UnaryOp.TRUNC, this); }

    public Tensor trunc_() { return Elementwise.unaryInPlace(UnaryOp.TRUNC, this); }

    public Tensor clamp(Double min, Double max) { return Elementwise.clamp(this, min, max, false); }

    public Tensor clamp(double min, double max) { return clamp(Double.valueOf(min), Double.valueOf(max)); }

    public Tensor clampMin(double min) { return clamp(min, null); }

    public Tensor clampMax(double max) { return clamp(null, max); }

    public Tensor clamp_(Double min, Double max) { return Elementwise.clamp(this, min, max, true); }

    public Tensor clamp_(double min, double max) { return clamp_(Double.valueOf(min), Double.valueOf(max)); }

    /** torch.clip, the alias of {@link #clamp}. */
    public Tensor clip(Double min, Double max) { return clamp(min, max); }

    public Tensor clip(double min, double max) { return clamp(min, max); }

    public Tensor clip_(Double min, Double max) { return clamp_(min, max); }

    public Tensor fill_(double value) { return Elementwise.fill(this, value); }

    public Tensor fill_(long value) { return Elementwise.fill(this, value); }

    public Tensor zero_() { return Elementwise.fill(this, 0L); }

    /** Copies {@code src} (broadcast, any dtype) into this tensor in place. */
    public Tensor copy_(Tensor src) { return Elementwise.copyInto(this, src); }

    // =====================================================================================
    // random fills (in place; the default generator unless one is given)
    // =====================================================================================

    /** Fills with U[from, to) (floating dtypes). */
    public Tensor uniform_(double from, double to) { return RandomOps.uniform(this, from, to, Torch.defaultGenerator()); }

    public Tensor uniform_() { return uniform_(0, 1); }

    public Tensor uniform_(double from, double to, Generator g) { return RandomOps.uniform(this, from, to, g); }

    /** Fills with N(mean, std^2) (floating dtypes). */
    public Tensor normal_(double mean, double std) { return RandomOps.normal(this, mean, std, Torch.defaultGenerator()); }

    public Tensor normal_() { return normal_(0, 1); }

    public Tensor normal_(double mean, double std, Generator g) { return RandomOps.normal(this, mean, std, g); }

    /** Fills with 1 with probability p, else 0. */
    public Tensor bernoulli_(double p) { return RandomOps.bernoulli(this, p, Torch.defaultGenerator()); }

    public Tensor bernoulli_(double p, Generator g) { return RandomOps.bernoulli(this, p, g); }

    /** Draws 0/1 with this tensor's elements as probabilities ({@code torch.bernoulli(self)}). */
    public Tensor bernoulli() { return RandomOps.bernoulli(this, Torch.defaultGenerator()); }

    /** Fills with integers uniform in [from, to). */
    public Tensor random_(long from, long to) { return RandomOps.random(this, from, to, Torch.defaultGenerator()); }

    public Tensor random_(long to) { return random_(0, to); }

    public Tensor random_(long from, long to, Generator g) { return RandomOps.random(this, from, to, g); }

    // =====================================================================================
    // reductions
    // =====================================================================================

    public Tensor sum() { return Reductions.sum(this, null, false, null); }

    public Tensor sum(int dim) { return Reductions.sum(this, new int[]{dim}, false, null); }

    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, new int[]{dim}, keepdim, null); }

    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(this, dims, keepdim, null); }

    public Tensor sum(DType dtype) { return Reductions.sum(this, null, false, dtype); }

    public Tensor mean() { return Reductions.mean(this, null, false); }

    public Tensor mean(int dim) { return Reductions.mean(this, new int[]{dim}, false); }

    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, new int[]{dim}, keepdim); }

    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(this, dims, keepdim); }

    public Tensor prod() { return Reductions.reduce(ReduceOp.PROD, this, null, false); }

    public Tensor prod(int dim) { return Reductions.reduce(ReduceOp.PROD, this, new int[]{dim}, false); }

    public Tensor prod(int dim, boolean keepdim) { return Reductions.reduce(ReduceOp.PROD, this, new int[]{dim}, keepdim); }

    /** The largest element, as a 0-dim tensor. */
    public Tensor max() { return Reductions.reduce(ReduceOp.MAX, this, null, false); }

    /** Values and indices of the maxima along {@code dim} (as {@code torch.max(x, dim)}). */
    public ValuesIndices max(int dim) { return Reductions.withIndex(ReduceOp.MAX, this, dim, false); }

    public ValuesIndices max(int dim, boolean keepdim) { return Reductions.withIndex(ReduceOp.MAX, this, dim, keepdim); }

    /** Elementwise maximum, as {@code torch.max(a, b)}. */
    public Tensor max(Tensor other) { return maximum(other); }

    public Tensor min() { return Reductions.reduce(ReduceOp.MIN, this, null, false); }

    public ValuesIndices min(int dim) { return Reductions.withIndex(ReduceOp.MIN, this, dim, false); }

    public ValuesIndices min(int dim, boolean keepdim) { return Reductions.withIndex(ReduceOp.MIN, this, dim, keepdim); }

    public Tensor min(Tensor other) { return minimum(other); }

    public Tensor amax(int... dims) { return Reductions.reduce(ReduceOp.MAX, this, dims, false); }

    public Tensor amax(int[] dims, boolean keepdim) { return Reductions.reduce(ReduceOp.MAX, this, dims, keepdim); }

    public Tensor amax(int dim, boolean keepdim) { return amax(new int[]{dim}, keepdim); }

    public Tensor amin(int... dims) { return Reductions.reduce(ReduceOp.MIN, this, dims, false); }

    public Tensor amin(int[] dims, boolean keepdim) { return Reductions.reduce(ReduceOp.MIN, this, dims, keepdim); }

    public Tensor amin(int dim, boolean keepdim) { return amin(new int[]{dim}, keepdim); }

    /** Index of the largest element of the flattened tensor. */
    public Tensor argmax() { return Reductions.argReduce(ReduceOp.MAX, this, null, false); }

    public Tensor argmax(int dim) { return Reductions.argReduce(ReduceOp.MAX, this, dim, false); }

    public Tensor argmax(int dim, boolean keepdim) { return Reductions.argReduce(ReduceOp.MAX, this, dim, keepdim); }

    public Tensor argmin() { return Reductions.argReduce(ReduceOp.MIN, this, null, false); }

    public Tensor argmin(int dim) { return Reductions.argReduce(ReduceOp.MIN, this, dim, false); }

    public Tensor argmin(int dim, boolean keepdim) { return Reductions.argReduce(ReduceOp.MIN, this, dim, keepdim); }

    /** Variance with Bessel's correction (correction = 1), as PyTorch's default. */
    public Tensor var() { return Reductions.var(this, null, 1, false); }

    public Tensor var(int dim) { return Reductions.var(this, new int[]{dim}, 1, false); }

    public Tensor var(int[] dims, double correction, boolean keepdim) { return Reductions.var(this, dims, correction, keepdim); }

    /** PyTorch's positional {@code x.var(dim, unbiased, keepdim)}: {@code unbiased} false divides by n, not n - 1. */
    public Tensor var(int dim, boolean unbiased, boolean keepdim) { return var(new int[]{dim}, unbiased ? 1 : 0, keepdim); }

    public Tensor std() { return var().sqrt(); }

    public Tensor std(int dim) { return var(dim).sqrt(); }

    public Tensor std(int[] dims, double correction, boolean keepdim) { return var(dims, correction, keepdim).sqrt(); }

    /** PyTorch's positional {@code x.std(dim, unbiased, keepdim)}. */
    public Tensor std(int dim, boolean unbiased, boolean keepdim) { return var(dim, unbiased, keepdim).sqrt(); }

    /** The 2-norm of all elements. */
    public Tensor norm() { return Reductions.norm(this, 2, null, false); }

    public Tensor norm(double p) { return Reductions.norm(this, p, null, false); }

    public Tensor norm(double p, int[] dims, boolean keepdim) { return Reductions.norm(this, p, dims, keepdim); }

    public Tensor logsumexp(int dim) { return Reductions.logsumexp(this, new int[]{dim}, false); }

    public Tensor logsumexp(int[] dims, boolean keepdim) { return Reductions.logsumexp(this, dims, keepdim); }

    public Tensor logsumexp(int dim, boolean keepdim) { return logsumexp(new int[]{dim}, keepdim); }

    public Tensor cumsum(int dim) { return Reductions.scan(ScanOp.CUMSUM, this, dim); }

    /**
     * {@code x.softmax(dim)}: exp(x - max) / sum exp(x - max) along dim, one primitive (a row holding +inf or NaN, or
     * only -inf, gives NaN, as in PyTorch). Floating dtypes.
     */
    public Tensor softmax(int dim) { return Reductions.softmax(this, dim, false); }

    /** {@code x.log_softmax(dim)}: x - max - log sum exp(x - max) along dim, one primitive. Floating dtypes. */
    public Tensor logSoftmax(int dim) { return Reductions.softmax(this, dim, true); }

    public Tensor cumprod(int dim) { return Reductions.scan(ScanOp.CUMPROD, this, dim); }

    public Tensor all() { return Reductions.reduce(ReduceOp.ALL, this, null, false); }

    public Tensor all(int dim) { return Reductions.reduce(ReduceOp.ALL, this, new int[]{dim}, false); }

    public Tensor all(int dim, boolean keepdim) { return Reductions.reduce(ReduceOp.ALL, this, new int[]{dim}, keepdim); }

    public Tensor any() { return Reductions.reduce(ReduceOp.ANY, this, null, false); }

    public Tensor any(int dim) { return Reductions.reduce(ReduceOp.ANY, this, new int[]{dim}, false); }

    public Tensor any(int dim, boolean keepdim) { return Reductions.reduce(ReduceOp.ANY, this, new int[]{dim}, keepdim); }

    public ValuesIndices sort() { return Sorting.sort(this, -1, false, false); }

    public ValuesIndices sort(int dim) { return Sorting.sort(this, dim, false, false); }

    public ValuesIndices sort(int dim, boolean descending) { return Sorting.sort(this, dim, descending, false); }

    public ValuesIndices sort(int dim, boolean descending, boolean stable) { return Sorting.sort(this, dim, descending, stable); }

    public Tensor argsort() { return sort().indices(); }

    public Tensor argsort(int dim, boolean descending) { return sort(dim, descending).indices(); }

    public ValuesIndices topk(long k) { return Sorting.topk(this, k, -1, true, true); }

    public ValuesIndices topk(long k, int dim) { return Sorting.topk(this, k, dim, true, true); }

    public ValuesIndices topk(long k, int dim, boolean largest, boolean sorted) { return Sorting.topk(this, k, dim, largest, sorted); }

    /** The lower median of all elements (NaN if any is NaN), as torch.median(). */
    public Tensor median() { return OrderStatistics.median(this); }

    /** The lower median along dim with its index, as torch.median(dim, keepdim). */
    /** {@code torch.quantile(x, q)} over all elements, linear interpolation; NaN if any element is NaN. */
    public Tensor quantile(double q) { return quantile(Quantiles.scalarQ(this, q), null, false, "linear"); }

    /** {@code torch.quantile(x, q, dim, keepdim)}, linear interpolation. */
    public Tensor quantile(double q, int dim, boolean keepdim) {
        return quantile(Quantiles.scalarQ(this, q), dim, keepdim, "linear");
    }

    /**
     * {@code torch.quantile(x, q, dim, keepdim, interpolation)}: q a 0-dim or 1-D tensor of x's dtype (a 1-D q puts
     * its quantiles along a new first dim), dim null for all elements, interpolation linear, lower, higher,
     * midpoint or nearest.
     */
    public Tensor quantile(Tensor q, Integer dim, boolean keepdim, String interpolation) {
        return Quantiles.quantile(this, q, dim, keepdim, interpolation, false);
    }

    /** {@code torch.nanquantile(x, q)}: as {@link #quantile(double)}, ignoring NaN. */
    public Tensor nanquantile(double q) { return nanquantile(Quantiles.scalarQ(this, q), null, false, "linear"); }

    /** {@code torch.nanquantile(x, q, dim, keepdim, interpolation)}: as {@link #quantile(Tensor, Integer, boolean, String)}, ignoring NaN. */
    public Tensor nanquantile(Tensor q, Integer dim, boolean keepdim, String interpolation) {
        return Quantiles.quantile(this, q, dim, keepdim, interpolation, true);
    }

    /** {@code torch.mode(x)} along the last dim: the most frequent value (smallest of ties) and its last index. */
    public ValuesIndices mode() { return Quantiles.mode(this, -1, false); }

    /** {@code torch.mode(x, dim, keepdim)}. */
    public ValuesIndices mode(int dim, boolean keepdim) { return Quantiles.mode(this, dim, keepdim); }

    /** {@code torch.logcumsumexp(x, dim)}. */
    public Tensor logcumsumexp(int dim) { return ScanComposites.logcumsumexp(this, dim); }

    public ValuesIndices median(int dim) { return OrderStatistics.median(this, dim, false); }

    public ValuesIndices median(int dim, boolean keepdim) { return OrderStatistics.median(this, dim, keepdim); }

    /** The k-th smallest along dim (k counts from 1) with its index, as torch.kthvalue. */
    public ValuesIndices kthvalue(long k, int dim) { return OrderStatistics.kthvalue(this, k, dim, false); }

    public ValuesIndices kthvalue(long k, int dim, boolean keepdim) { return OrderStatistics.kthvalue(this, k, dim, keepdim); }

    /** The running maximum along dim and where it came from, as torch.cummax. */
    public ValuesIndices cummax(int dim) { return OrderStatistics.cumulativeExtreme(this, dim, true); }

    /** The running minimum along dim and where it came from, as torch.cummin. */
    public ValuesIndices cummin(int dim) { return OrderStatistics.cumulativeExtreme(this, dim, false); }

    /** The sorted distinct elements, as torch.unique. */
    public Tensor unique() { return OrderStatistics.unique(this, false, false).get(0); }

    /**
     * As torch.unique(return_inverse, return_counts): the distinct elements, then the inverse indices (input's shape)
     * and the counts when asked, in that order.
     */
    public java.util.List<Tensor> unique(boolean returnInverse, boolean returnCounts) {
        return OrderStatistics.unique(this, returnInverse, returnCounts);
    }

    // =====================================================================================
    // linear algebra
    // =====================================================================================

    /** {@code torch.inverse}: see {@link Linalg#inv}. */
    public Tensor inverse() { return Linalg.inv(this); }

    /** {@code torch.det}: see {@link Linalg#det}. */
    public Tensor det() { return Linalg.det(this); }

    /** {@code torch.logdet}: NaN for a negative determinant, -inf for zero (see {@link Linalg#logdet}). */
    public Tensor logdet() { return Linalg.logdet(this); }

    /** {@code torch.slogdet}: see {@link Linalg#slogdet}. */
    public Linalg.SlogdetResult slogdet() { return Linalg.slogdet(this); }

    /** {@code torch.matrix_power}: see {@link Linalg#matrixPower}. */
    public Tensor matrixPower(long n) { return Linalg.matrixPower(this, n); }

    public Tensor mm(Tensor other) { return MatrixProducts.mm(this, other); }

    public Tensor matmul(Tensor other) { return MatrixProducts.matmul(this, other); }

    public Tensor bmm(Tensor other) { return MatrixProducts.bmm(this, other); }

    public Tensor dot(Tensor other) { return MatrixProducts.dot(this, other); }

    public Tensor mv(Tensor vec) { return MatrixProducts.mv(this, vec); }

    public Tensor outer(Tensor other) { return MatrixProducts.outer(this, other); }

    /** {@code beta * self + alpha * (m1 @ m2)}. */
    public Tensor addmm(Tensor m1, Tensor m2, double beta, double alpha) { return MatrixProducts.addmm(this, m1, m2, beta, alpha); }

    public Tensor addmm(Tensor m1, Tensor m2) { return MatrixProducts.addmm(this, m1, m2, 1, 1); }

    // =====================================================================================
    // printing
    // =====================================================================================

    /** Exactly PyTorch's repr for the same values and print options. */
    @Override
    public String toString() { return TensorPrinter.repr(this); }
}

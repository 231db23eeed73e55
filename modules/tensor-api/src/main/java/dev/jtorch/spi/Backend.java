package dev.jtorch.spi;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;

/**
 * The kernels a device backend implements, found with {@link java.util.ServiceLoader}. For each
 * device type the backend with the highest {@link #priority()} is used, unless the system property
 * {@code jtorch.backend} names another one.
 *
 * <p>Contract: the dispatcher has validated shapes, dims and dtypes, allocated outputs and cast
 * inputs to one compute type (FLOAT32, FLOAT64 or INT64) unless a method says otherwise. Inputs may
 * be any strided view, including broadcast views with stride 0; outputs are never overlapping.
 * A kernel that detects bad data (an index out of range) throws before writing anything.
 */
public interface Backend {
    /** Short name used by {@code -Djtorch.backend=}. */
    String name();

    Device.Type deviceType();

    /** Higher wins. */
    int priority();

    /** One line for humans: what the backend runs on (SIMD species, thread count ...). */
    String description();

    /** Zero-filled storage for {@code numel} elements of {@code dtype} on {@code device}. */
    Storage allocate(DType dtype, long numel, Device device);

    /**
     * Storage for an op that writes every element before anything reads it: the backend may leave it unfilled (a
     * device then saves a memset per op). By default the same as {@link #allocate}.
     */
    default Storage allocateForWrite(DType dtype, long numel, Device device) {
        return allocate(dtype, numel, device);
    }

    /** The device-level queries of an accelerator backend ({@link dev.jtorch.Cuda}); empty for the CPU. */
    default java.util.Optional<DeviceRuntime> runtime() { return java.util.Optional.empty(); }

    /** Sets the threads used by large kernels (as {@code torch.set_num_threads}). */
    void setNumThreads(int threads);

    int numThreads();

    // ---- memory
    /** {@code dst = src} elementwise; shapes are equal, dtypes may differ (any dtype to any dtype). */
    void copy(Strided src, Strided dst);

    /** Fills {@code dst} (any dtype) with a value, converted as a cast to dst's dtype. */
    void fill(Strided dst, double value);

    /** Fills {@code dst} (any dtype) with an exact integer value. */
    void fill(Strided dst, long value);

    // ---- elementwise
    void unary(UnaryOp op, Strided in, Strided out);

    /** {@code a}, {@code b}, {@code out} share a shape; out is BOOL for ops that produce bool. */
    void binary(BinaryOp op, Strided a, Strided b, Strided out);

    /** Clamp to [min, max]; a null bound is absent. in/out share a compute dtype. */
    void clamp(Strided in, Double min, Double max, Strided out);

    /** {@code out = cond ? a : b}; cond is BOOL, a/b/out share a dtype. */
    void where(Strided cond, Strided a, Strided b, Strided out);

    /**
     * {@code out = self <= threshold ? 0 : grad} (a NaN in self lets grad through, as PyTorch's threshold_backward);
     * grad, self and out share a shape and a floating compute dtype, the threshold rounded to it.
     */
    void thresholdBackward(Strided grad, Strided self, double threshold, Strided out);

    // ---- reductions
    /**
     * Reduces {@code in} over {@code dims}; {@code out} has in's rank with 1 at every reduced dim.
     * SUM/PROD/MAX/MIN keep the compute dtype; ALL/ANY read any dtype and write BOOL.
     */
    void reduce(ReduceOp op, Strided in, int[] dims, Strided out);

    /** MAX or MIN along {@code dim} with the first index of the extremum; outputs keep the dim as 1. NaN wins. */
    void reduceWithIndex(ReduceOp op, Strided in, int dim, Strided values, Strided indices);

    void scan(ScanOp op, Strided in, int dim, Strided out);

    /**
     * Overwrites the contiguous {@code out} with the softmax ({@code log}: log-softmax) of the contiguous {@code in}
     * along {@code dim}: the row's maximum subtracted first, with no special case (a row holding +inf, NaN or only
     * -inf gives NaN, as PyTorch's kernels do). Floating dtypes, the same in and out.
     */
    void softmax(Strided in, int dim, boolean log, Strided out);

    /** Sorts along {@code dim}; indices are INT64. NaN sorts as the largest value. */
    void sort(Strided in, int dim, boolean descending, boolean stable, Strided values, Strided indices);

    // ---- linear algebra
    /**
     * {@code out[b] = a[b] @ bm[b]} for 3-D inputs [B,M,K] and [B,K,N]; any strides. Operands and out have the dtype
     * {@link #matmulDtype} gives for the inputs' dtype.
     */
    void matmul(Strided a, Strided bm, Strided out);

    /**
     * The dtype in which {@link #matmul} takes operands of {@code dtype} and writes its product: by default the
     * dtype's compute type (float16 and bfloat16 widened to float32, the product rounded back by the caller). A backend
     * with a half-precision GEMM that accumulates in float32 and rounds once (cuBLAS) returns the dtype itself, which
     * saves the widening copies and lets the GEMM run on tensor cores.
     */
    default DType matmulDtype(DType dtype) {
        return dtype.computeType();
    }

    /*
     * Factorizations of batches [B, m, n] of float32 or float64 matrices (any strides). A matrix that
     * cannot be factorized is not an error here: its INT32 info entry ([B]) says why (LAPACK's
     * convention), and the caller raises PyTorch's message.
     */

    /**
     * LU with partial pivoting, {@code P a = L U} (LAPACK getrf): lu [B, m, n] gets the unit lower L below
     * the diagonal and U on and above it; pivots [B, min(m, n)] the 1-based row swapped with row j+1 at
     * step j; info 0, or the 1-based step whose pivot is exactly zero.
     */
    void luFactor(Strided a, Strided lu, Strided pivots, Strided info);

    /**
     * Solves {@code a X = rhs} for triangular a [B, n, n] (only the {@code upper} or lower triangle is read,
     * and not the diagonal when {@code unitDiagonal}); rhs and out [B, n, k].
     */
    void triangularSolve(Strided a, Strided rhs, boolean upper, boolean unitDiagonal, Strided out);

    /**
     * Cholesky factor {@code a = L Lᵀ} from a's lower triangle: out [B, n, n] gets L with zeros above the
     * diagonal; info 0, or the order of the first leading minor that is not positive-definite.
     */
    void cholesky(Strided a, Strided out, Strided info);

    /**
     * Eigen-decomposition of symmetric matrices from a's lower triangle: values [B, n] ascending, vectors
     * [B, n, n] the unit eigenvectors as columns; info 0, or positive when the algorithm did not converge.
     */
    void eigh(Strided a, Strided values, Strided vectors, Strided info);

    /**
     * Householder QR {@code a = Q R} (LAPACK's geqrf/orgqr, so R's diagonal signs are LAPACK's): q [B, m, c] gets
     * Q's first c columns (c = min(m, n), or m for the complete factorization) and r [B, c', n] the first c' rows
     * of the upper-triangular R (c' = c, or m).
     */
    void qr(Strided a, Strided q, Strided r);

    /**
     * Singular value decomposition {@code a = U diag(s) Vh}: s [B, k] descending (k = min(m, n)); u [B, m, k] and
     * vh [B, k, n], or the full u [B, m, m] and vh [B, n, n]; info 0, -1 for an input with NaN or infinite entries
     * (nothing is written), or positive when the algorithm did not converge.
     */
    void svd(Strided a, Strided u, Strided s, Strided vh, Strided info);

    // ---- convolution
    /**
     * Unfolds the contiguous input [N,C,H,W] into the contiguous columns [C*kh*kw, N*outH*outW]
     * (row {@code (c*kh+i)*kw+j}, column {@code (n*outH+oh)*outW+ow}); taps outside the input are 0.
     */
    void im2col(Strided in, dev.jtorch.ops.Window2d window, Strided out);

    /** The adjoint of {@link #im2col}: overwrites the contiguous {@code out} [N,C,H,W] with the sums of the columns. */
    void col2im(Strided cols, dev.jtorch.ops.Window2d window, Strided out);

    /**
     * Max pooling of the contiguous planes {@code in} [P,H,W] into contiguous {@code values}
     * [P,outH,outW] and INT64 {@code indices} (flat ih*W+iw); taps outside the plane are skipped, NaN wins.
     */
    void maxPool2d(Strided in, dev.jtorch.ops.Window2d window, Strided values, Strided indices);

    /**
     * Max pooling's backward: overwrites the contiguous {@code out} [P,H,W] with zeros plus, at each flat index of
     * {@code indices} [P,outH,outW] (INT64), the matching element of the contiguous {@code grad} (same dtype as out).
     * An index outside [0, H*W) throws {@link IndexOutOfBoundsException}; {@code out} may then be partly written.
     */
    void maxPool2dBackward(Strided grad, Strided indices, Strided out);

    /**
     * Overwrites the contiguous {@code out} [N,O,outH,outW] with the 3x3 stride-1 convolution of the contiguous
     * {@code in} [N,C,H,W] and {@code weight} [O,C,3,3], plus {@code bias} [O] unless it is null; taps outside the
     * input (the window's padding) read zero. All operands share a floating dtype.
     */
    void conv3x3(Strided in, Strided weight, Strided bias, dev.jtorch.ops.Window2d window, Strided out);

    /**
     * Overwrites the contiguous {@code out} [N,C,H,W] with the input gradient of {@link #conv3x3} for the contiguous
     * output gradient {@code grad} [N,O,outH,outW] and {@code weight} [O,C,3,3].
     */
    void conv3x3InputGrad(Strided grad, Strided weight, dev.jtorch.ops.Window2d window, Strided out);

    /**
     * Overwrites the contiguous {@code out} [O,C,3,3] with the weight gradient of {@link #conv3x3} for the contiguous
     * {@code in} [N,C,H,W] and output gradient {@code grad} [N,O,outH,outW] of any strides (the gradient of a
     * {@code sum()} is one value broadcast: a backend that needs it contiguous makes the copy).
     */
    void conv3x3WeightGrad(Strided in, Strided grad, dev.jtorch.ops.Window2d window, Strided out);

    // ---- indexing (index tensors are INT64; in and out share a dtype of any kind)
    void indexSelect(Strided in, int dim, Strided index, Strided out);

    void gather(Strided in, int dim, Strided index, Strided out);

    /** {@code self[..index[i]..] = src[i]} (or +=) along dim, in place on {@code self}. */
    void scatter(Strided self, int dim, Strided index, Strided src, boolean add);

    /** Number of non-zero elements of {@code in} (any dtype). */
    long countNonzero(Strided in);

    /** Writes the coordinates of non-zero elements, row-major order, into {@code out} [n, in.dim()] INT64. */
    void nonzero(Strided in, Strided out);

    // ---- fused convolution gradients (optional)
    /**
     * Both gradients of {@link #conv3x3} in one pass over the contiguous output gradient {@code grad}: overwrites
     * {@code inputGrad} as {@link #conv3x3InputGrad} would (with {@code weight}) and {@code weightGrad} as
     * {@link #conv3x3WeightGrad} would (with {@code in}), to the same bits. False when the backend has no fused form
     * for these operands (nothing written); the caller then makes the two calls.
     */
    default boolean conv3x3Backward(Strided in, Strided grad, Strided weight, dev.jtorch.ops.Window2d window,
                                    Strided inputGrad, Strided weightGrad) {
        return false;
    }

    // ---- fused optimizer updates (optional)
    /**
     * {@code self = self + other * alpha} over contiguous FLOAT32 tensors of one shape, rounding after the product as
     * the two tensor ops would (alpha converted to float32 first; no fma). False when the backend has no fused form.
     */
    default boolean addScaled(Strided self, Strided other, double alpha) {
        return false;
    }

    /**
     * One Adam step over contiguous FLOAT32 tensors of one shape, elementwise, with the roundings of PyTorch 1.13's
     * single-tensor sequence done one float32 operation at a time (constants converted to float32 first):
     * {@code m = m*beta1 + g*(1-beta1); v = v*beta2 + (g*(1-beta2))*g; d = sqrt(v)/bc2Sqrt + eps; p = p + (m*(-stepSize))/d}.
     * Returns false when the backend has no fused form; the caller then runs the same steps as tensor ops.
     */
    default boolean adamStep(Strided param, Strided grad, Strided expAvg, Strided expAvgSq, double beta1, double beta2,
                             double stepSize, double bc2Sqrt, double eps) {
        return false;
    }
}

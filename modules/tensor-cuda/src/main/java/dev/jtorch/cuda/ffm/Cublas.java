package dev.jtorch.cuda.ffm;

import dev.jtorch.CudaException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * cuBLAS through FFM (the {@code _v2} entry points that cublas_v2.h maps the plain names to). Matrices are
 * column-major as in BLAS; {@link #check} turns every {@code cublasStatus_t} into a {@link CudaException}.
 */
public final class Cublas {
    /** cublasOperation_t. */
    public static final int OP_N = 0, OP_T = 1;
    /** cublasMath_t: TF32 tensor cores for float32 GEMMs (PyTorch's allow_tf32). */
    public static final int DEFAULT_MATH = 0, TF32_TENSOR_OP_MATH = 3;
    /** cudaDataType_t (library_types.h). */
    public static final int R_32F = 0, R_64F = 1, R_16F = 2, R_16BF = 14;
    /** cublasComputeType_t. */
    public static final int COMPUTE_32F = 68, COMPUTE_32F_FAST_TF32 = 77;
    /** cublasGemmAlgo_t. */
    public static final int GEMM_DEFAULT = -1;

    private static final List<String> STATUS_NAMES = List.of("CUBLAS_STATUS_SUCCESS", "CUBLAS_STATUS_NOT_INITIALIZED",
            "", "CUBLAS_STATUS_ALLOC_FAILED", "", "", "", "CUBLAS_STATUS_INVALID_VALUE", "CUBLAS_STATUS_ARCH_MISMATCH", "",
            "", "CUBLAS_STATUS_MAPPING_ERROR", "", "CUBLAS_STATUS_EXECUTION_FAILED", "CUBLAS_STATUS_INTERNAL_ERROR",
            "CUBLAS_STATUS_NOT_SUPPORTED", "CUBLAS_STATUS_LICENSE_ERROR");

    private final NativeLibrary lib;
    final NativeLibrary.Fn create, destroy, setStream, setMathMode, sgemm, gemmEx, gemmStridedBatchedEx,
            getStatusName, getStatusString;

    public Cublas(NativeLibrary lib) {
        this.lib = lib;
        create = lib.function("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        destroy = lib.function("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setStream = lib.function("cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        setMathMode = lib.function("cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        // handle, transa, transb, m, n, k, alpha*, A, lda, B, ldb, beta*, C, ldc
        sgemm = lib.function("cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        // handle, transa, transb, m, n, k, alpha*, A, Atype, lda, B, Btype, ldb, beta*, C, Ctype, ldc, computeType, algo
        gemmEx = lib.function("cublasGemmEx", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        // ... as GemmEx with a long long stride after each of lda, ldb, ldc, then batchCount before computeType
        gemmStridedBatchedEx = lib.function("cublasGemmStridedBatchedEx", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT,
                JAVA_INT, JAVA_INT));
        getStatusName = lib.function("cublasGetStatusName", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        getStatusString = lib.function("cublasGetStatusString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    public String library() { return lib.description(); }

    public List<NativeLibrary.Fn> functions() {
        return List.of(create, destroy, setStream, setMathMode, sgemm, gemmEx, gemmStridedBatchedEx, getStatusName, getStatusString);
    }

    /** cublasGetStatusName, or our table for older libraries that lack it. */
    public String statusName(int status) {
        if (getStatusName.exists()) return CStrings.read((MemorySegment) getStatusName.call(status), "cublasStatus " + status);
        return status >= 0 && status < STATUS_NAMES.size() && !STATUS_NAMES.get(status).isEmpty()
                ? STATUS_NAMES.get(status) : "cublasStatus " + status;
    }

    public String statusString(int status) {
        if (getStatusString.exists()) return CStrings.read((MemorySegment) getStatusString.call(status), statusName(status));
        return statusName(status);
    }

    public void check(String call, int status) {
        if (status != 0) throw new CudaException(call, status, statusName(status), statusString(status));
    }

    public long create() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cublasCreate", create.callInt(out));
            return out.get(ADDRESS, 0).address();
        }
    }

    public void destroy(long handle) { check("cublasDestroy", destroy.callInt(MemorySegment.ofAddress(handle))); }

    public void setStream(long handle, long stream) {
        check("cublasSetStream", setStream.callInt(MemorySegment.ofAddress(handle), MemorySegment.ofAddress(stream)));
    }

    public void setMathMode(long handle, int mode) {
        check("cublasSetMathMode(" + mode + ")", setMathMode.callInt(MemorySegment.ofAddress(handle), mode));
    }

    /** Column-major {@code C = alpha op(A) op(B) + beta C} in float32. */
    public void sgemm(long handle, int transa, int transb, int m, int n, int k, float alpha, long a, int lda,
                      long b, int ldb, float beta, long c, int ldc) {
        try (Arena arena = Arena.ofConfined()) {
            check("cublasSgemm(" + m + "x" + n + "x" + k + ")", sgemm.callInt(MemorySegment.ofAddress(handle), transa, transb,
                    m, n, k, arena.allocateFrom(JAVA_FLOAT, alpha), MemorySegment.ofAddress(a), lda,
                    MemorySegment.ofAddress(b), ldb, arena.allocateFrom(JAVA_FLOAT, beta), MemorySegment.ofAddress(c), ldc));
        }
    }

    /**
     * Batched column-major GEMM for float16/bfloat16/float32 data with float32 compute (alpha and beta are floats, as
     * cuBLAS requires for COMPUTE_32F); {@code dataType} is one of R_16F, R_16BF, R_32F.
     */
    public void gemmStridedBatched(long handle, int transa, int transb, int m, int n, int k, float alpha,
                                   long a, int lda, long strideA, long b, int ldb, long strideB, float beta,
                                   long c, int ldc, long strideC, int batch, int dataType, int computeType) {
        try (Arena arena = Arena.ofConfined()) {
            check("cublasGemmStridedBatchedEx(" + batch + " x " + m + "x" + n + "x" + k + ", type " + dataType + ")",
                    gemmStridedBatchedEx.callInt(MemorySegment.ofAddress(handle), transa, transb, m, n, k,
                            arena.allocateFrom(JAVA_FLOAT, alpha), MemorySegment.ofAddress(a), dataType, lda, strideA,
                            MemorySegment.ofAddress(b), dataType, ldb, strideB, arena.allocateFrom(JAVA_FLOAT, beta),
                            MemorySegment.ofAddress(c), dataType, ldc, strideC, batch, computeType, GEMM_DEFAULT));
        }
    }

    /** One GEMM with float32 compute on float16/bfloat16/float32 data. */
    public void gemmEx(long handle, int transa, int transb, int m, int n, int k, float alpha, long a, int lda,
                       long b, int ldb, float beta, long c, int ldc, int dataType, int computeType) {
        try (Arena arena = Arena.ofConfined()) {
            check("cublasGemmEx(" + m + "x" + n + "x" + k + ", type " + dataType + ")",
                    gemmEx.callInt(MemorySegment.ofAddress(handle), transa, transb, m, n, k,
                            arena.allocateFrom(JAVA_FLOAT, alpha), MemorySegment.ofAddress(a), dataType, lda,
                            MemorySegment.ofAddress(b), dataType, ldb, arena.allocateFrom(JAVA_FLOAT, beta),
                            MemorySegment.ofAddress(c), dataType, ldc, computeType, GEMM_DEFAULT));
        }
    }
}

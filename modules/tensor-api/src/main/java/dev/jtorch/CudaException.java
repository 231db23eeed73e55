package dev.jtorch;

/**
 * A CUDA call failed (PyTorch raises {@code RuntimeError: CUDA error: ...}). Carries the call, the library's error
 * code, its name ({@code cudaGetErrorName}, {@code cuGetErrorName}, {@code cublasGetStatusName}) and its description.
 */
public class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;
    private final String errorName;
    private final String errorString;

    public CudaException(String call, int code, String errorName, String errorString) {
        this("CUDA error: " + errorString + " (" + errorName + ", code " + code + ") when calling " + call,
                call, code, errorName, errorString);
    }

    protected CudaException(String message, String call, int code, String errorName, String errorString) {
        super(message);
        this.call = call;
        this.code = code;
        this.errorName = errorName;
        this.errorString = errorString;
    }

    /** The function that failed, e.g. {@code cudaMalloc}. */
    public String call() { return call; }

    /** The numeric error of the library that failed. */
    public int code() { return code; }

    /** e.g. {@code cudaErrorMemoryAllocation}. */
    public String errorName() { return errorName; }

    /** e.g. {@code out of memory}. */
    public String errorString() { return errorString; }
}

package dev.jtorch;

/** A device allocation failed even after the allocator gave its cache back (PyTorch's {@code torch.cuda.OutOfMemoryError}). */
public class CudaOutOfMemoryException extends CudaException {
    private static final long serialVersionUID = 1L;

    private final long requestedBytes;

    /** {@code message} is the allocator's full text: the size asked for and its statistics. */
    public CudaOutOfMemoryException(String message, long requestedBytes) {
        super(message, "cudaMalloc", 2, "cudaErrorMemoryAllocation", "out of memory");
        this.requestedBytes = requestedBytes;
    }

    /** The bytes the failed allocation asked for (before rounding). */
    public long requestedBytes() { return requestedBytes; }
}

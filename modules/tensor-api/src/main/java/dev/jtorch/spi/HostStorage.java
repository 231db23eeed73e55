package dev.jtorch.spi;

import dev.jtorch.DType;
import dev.jtorch.Device;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * CPU storage. Owned storages are Java primitive arrays of the dtype's width (float[] for float32,
 * short[] for the 16-bit types, ...) so that the garbage collector frees them and Vector API kernels
 * can take the array directly; wrapped storages may be any host {@link MemorySegment}.
 */
public final class HostStorage extends Storage {
    private MemorySegment segment;
    private Object array; // the heap array behind segment, or null for a native segment
    private final DType elementType;
    private boolean released; // its array went back to a MemoryScope's pool
    private boolean owned;    // made by owning(): the array is no caller's, so it may be handed on

    private HostStorage(MemorySegment segment, Object array, DType elementType) {
        this.segment = segment;
        this.array = array;
        this.elementType = elementType;
    }

    /** Zero-filled storage for {@code numel} elements of {@code dtype}. */
    public static HostStorage allocate(DType dtype, long numel) {
        if (numel < 0) throw new IllegalArgumentException("negative number of elements: " + numel);
        if (numel > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor of " + numel + " elements exceeds the 2^31 limit of heap storage");
        }
        Object a = newArray(dtype, (int) numel);
        return new HostStorage(segmentOf(a), a, dtype);
    }

    /** Zero-copy view of a caller's segment (heap or native); the caller keeps it alive. */
    public static HostStorage wrap(MemorySegment segment, DType dtype) {
        Objects.requireNonNull(segment, "segment");
        if (segment.isReadOnly()) throw new IllegalArgumentException("cannot wrap a read-only segment");
        return new HostStorage(segment, segment.heapBase().orElse(null), dtype);
    }

    /**
     * Storage that owns {@code array} (not a caller's memory: {@link #release} may hand it on). For
     * {@code dev.jtorch.MemoryScope}'s pooled arrays.
     */
    public static HostStorage owning(Object array, DType dtype) {
        HostStorage s = new HostStorage(segmentOf(array), array, dtype);
        s.owned = true;
        return s;
    }

    /** True for storages made by {@link #owning}. */
    public boolean isOwned() { return owned; }

    /**
     * Gives up this storage's array for reuse elsewhere and makes the storage unusable: later access throws
     * {@link IllegalStateException}. Only for storages made by {@link #allocate} or {@link #owning} whose
     * tensors are known to be finished with ({@code dev.jtorch.MemoryScope}); returns null for native memory.
     */
    public Object release() {
        Object a = released ? null : array;
        released = true;
        array = null;
        segment = null;
        return a;
    }

    /** True once {@link #release} gave the memory away. */
    @Override
    public boolean isReleased() { return released; }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("this tensor was made inside a MemoryScope that has closed, and its memory "
                    + "is being reused: keep it with MemoryScope.keep(tensor) inside the scope to use it afterwards");
        }
    }

    /** Zero-copy wrap of a Java array (float[], double[], long[], int[], short[] or byte[]). */
    public static HostStorage wrapArray(Object array, DType dtype) {
        return new HostStorage(segmentOf(array), array, dtype);
    }

    private static Object newArray(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case FLOAT16, BFLOAT16, INT16 -> new short[n];
            case INT8, UINT8, BOOL -> new byte[n];
        };
    }

    private static MemorySegment segmentOf(Object a) {
        return switch (a) {
            case float[] f -> MemorySegment.ofArray(f);
            case double[] d -> MemorySegment.ofArray(d);
            case long[] l -> MemorySegment.ofArray(l);
            case int[] i -> MemorySegment.ofArray(i);
            case short[] s -> MemorySegment.ofArray(s);
            case byte[] b -> MemorySegment.ofArray(b);
            default -> throw new IllegalArgumentException("not a primitive array: " + a.getClass());
        };
    }

    @Override
    public Device device() { return Device.CPU; }

    @Override
    public long byteSize() {
        checkLive();
        return segment.byteSize();
    }

    @Override
    public MemorySegment segment() {
        checkLive();
        return segment;
    }

    /**
     * The heap array behind this storage (float[], double[], long[], int[], short[] or byte[]),
     * or null when it wraps native memory. Its element 0 is the storage's byte 0 only when
     * {@link #arrayBaseOffset()} is 0.
     */
    public Object array() {
        checkLive();
        return array;
    }

    /** Byte offset of the segment inside {@link #array()} (non-zero for a wrapped slice of an array). */
    public long arrayBaseOffset() {
        checkLive();
        return array == null ? 0 : segment.address();
    }

    /** The dtype the storage was created for (views may reinterpret nothing else). */
    public DType elementType() { return elementType; }

    @Override
    public void resize(long newByteSize) {
        checkLive();
        if (newByteSize == segment.byteSize()) return;
        long numel = newByteSize / elementType.itemSize();
        HostStorage grown = allocate(elementType, numel);
        long keep = Math.min(newByteSize, segment.byteSize());
        MemorySegment.copy(segment, 0, grown.segment, 0, keep);
        this.segment = grown.segment;
        this.array = grown.array;
    }
}

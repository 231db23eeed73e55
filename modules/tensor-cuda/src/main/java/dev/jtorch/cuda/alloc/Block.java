package dev.jtorch.cuda.alloc;

/** A piece of one device segment; neighbours in the same segment are linked so that free pieces merge back. */
final class Block {
    final long pointer;
    long size;
    final boolean small;
    Block prev, next;
    boolean allocated;

    Block(long pointer, long size, boolean small) {
        this.pointer = pointer;
        this.size = size;
        this.small = small;
    }

    /** A whole segment from the device, not split. */
    boolean isWholeSegment() { return prev == null && next == null; }

    @Override
    public String toString() { return "Block[0x" + Long.toHexString(pointer) + ", " + size + (allocated ? ", allocated]" : "]"); }
}

package dev.jtorch.nn;

/** Index checks shared by the list-like containers, with PyTorch's message. */
final class Containers {
    private Containers() {}

    static int checkIndex(int index, int size, String what) {
        if (index < -size || index >= size) throw new IndexOutOfBoundsException(what + " " + index + " is out of range");
        return index < 0 ? index + size : index;
    }
}

package dev.jtorch;

/**
 * Counts in-place writes to a tensor's data. Views share their base's counter ({@code detach()} too);
 * {@code data()} starts a new one, so autograd does not see updates made through it.
 */
final class VersionCounter {
    private int version;

    int get() { return version; }

    void bump() { version++; }
}

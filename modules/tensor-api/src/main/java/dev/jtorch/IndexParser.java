package dev.jtorch;

import java.util.List;

/** Turns Java values and Python-style strings into {@link Index} lists. */
final class IndexParser {
    private IndexParser() {}

    static List<Index> convert(Object[] items) {
        throw new UnsupportedOperationException("indexing: not implemented yet");
    }

    static List<Index> parse(String spec) {
        throw new UnsupportedOperationException("indexing: not implemented yet");
    }
}

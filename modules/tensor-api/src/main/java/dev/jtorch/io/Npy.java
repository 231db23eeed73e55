package dev.jtorch.io;

import dev.jtorch.Tensor;

import java.io.IOException;
import java.nio.file.Path;

/** NumPy's {@code .npy} format: one tensor per file. */
public final class Npy {
    private Npy() {}

    public static void save(Path path, Tensor tensor) throws IOException {
        throw new UnsupportedOperationException("npy: not implemented yet");
    }

    public static Tensor load(Path path) throws IOException {
        throw new UnsupportedOperationException("npy: not implemented yet");
    }
}

package dev.jtorch.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST (handwritten digits): the same IDX files and sample layout as {@link FashionMnist}, read from a directory
 * (Debian has no package for it).
 */
public final class Mnist {
    private Mnist() {}

    static final String HOW_TO_GET = "Download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (MNIST, from http://yann.lecun.com/exdb/mnist/ "
            + "or a mirror) into one directory and pass it";

    /** A split from {@code dir}, holding the IDX files gzip-compressed ({@code .gz}) or raw. */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        return ImageClassification.load(dir, train, "MNIST", HOW_TO_GET);
    }

    /** As {@link #load}, with the images as stored: uint8 [N, 1, 28, 28] in 0-255 (see {@link FashionMnist#loadUint8}). */
    public static TensorDataset loadUint8(Path dir, boolean train) throws IOException {
        return ImageClassification.load(dir, train, "MNIST", HOW_TO_GET, true);
    }

    public static boolean isPresent(Path dir, boolean train) { return ImageClassification.present(dir, train); }
}

package dev.jtorch.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando, MIT licence): 60,000 training and 10,000 test images of clothes, 28×28 grey, 10 classes.
 * Samples are {@code {image [1, 28, 28] float32 in [0, 1], label int64}} as torchvision's {@code FashionMNIST} with
 * {@code ToTensor()}; apply {@link Normalize#FASHION_MNIST} to the images for the usual normalisation.
 *
 * <p>By default the files are read where Debian's {@code dataset-fashion-mnist} package installs them
 * ({@value #DEBIAN_DIR}); {@link #embedded(boolean)} is a small sample shipped inside this module.
 */
public final class FashionMnist {
    private FashionMnist() {}

    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    public static final Path DEFAULT_DIR = Path.of(DEBIAN_DIR);

    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Images in the embedded sample: the first ones of each split of the real set. */
    public static final int EMBEDDED_TRAIN = 2000, EMBEDDED_TEST = 500;

    static final String HOW_TO_GET = "Install Debian's package (apt-get install dataset-fashion-mnist, files in " + DEBIAN_DIR
            + "), or download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
            + "t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist into one directory and pass it";

    /** The training split (60,000) from {@link #DEFAULT_DIR}. */
    public static TensorDataset train() throws IOException { return load(DEFAULT_DIR, true); }

    /** The test split (10,000) from {@link #DEFAULT_DIR}. */
    public static TensorDataset test() throws IOException { return load(DEFAULT_DIR, false); }

    /** A split from {@code dir}, holding the IDX files gzip-compressed ({@code .gz}) or raw. */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        return ImageClassification.load(dir, train, "Fashion-MNIST", HOW_TO_GET);
    }

    /**
     * A split from {@code dir} with the images as stored, uint8 [N, 1, 28, 28] in 0-255 (torchvision's {@code .data}):
     * a quarter of {@link #load}'s memory. Convert a batch as {@code ToTensor} does: {@code images.to(FLOAT32).div_(255)}.
     */
    public static TensorDataset loadUint8(Path dir, boolean train) throws IOException {
        return ImageClassification.load(dir, train, "Fashion-MNIST", HOW_TO_GET, true);
    }

    /** Whether {@code dir} holds both files of the split. */
    public static boolean isPresent(Path dir, boolean train) { return ImageClassification.present(dir, train); }

    /**
     * The sample shipped in this module: the first {@value #EMBEDDED_TRAIN} training and {@value #EMBEDDED_TEST} test
     * images of Fashion-MNIST, read through the same IDX reader.
     */
    public static TensorDataset embedded(boolean train) {
        try {
            return ImageClassification.loadResources("fashion-mnist-sample", train);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded Fashion-MNIST sample is damaged: " + e.getMessage(), e);
        }
    }
}

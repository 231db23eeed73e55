package dev.jtorch.data;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads the four IDX files of an MNIST-like set into images [N, 1, 28, 28] in [0, 1] (float32), or as the file's uint8
 * values, and labels (int64).
 */
final class ImageClassification {
    private ImageClassification() {}

    static final int SIDE = 28;
    static final int CLASSES = 10;

    /** File stems of one split, without {@code .gz}. */
    static String[] files(boolean train) {
        String prefix = train ? "train" : "t10k";
        return new String[]{prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte"};
    }

    /** The split from {@code dir}, each file as {@code NAME.gz} or {@code NAME}. */
    static TensorDataset load(Path dir, boolean train, String setName, String howToGet) throws IOException {
        return load(dir, train, setName, howToGet, false);
    }

    /** As {@link #load(Path, boolean, String, String)}; {@code bytes}: images stay uint8 [N, 1, 28, 28] (0-255). */
    static TensorDataset load(Path dir, boolean train, String setName, String howToGet, boolean bytes) throws IOException {
        String[] stems = files(train);
        Path images = find(dir, stems[0], setName, howToGet);
        Path labels = find(dir, stems[1], setName, howToGet);
        try {
            return assemble(Idx.readArray(images), Idx.readArray(labels), images.toString(), labels.toString(), bytes);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ". " + howToGet, e);
        }
    }

    /** The split from class-path resources under {@code folder} (always gzip). */
    static TensorDataset loadResources(String folder, boolean train) throws IOException {
        String[] stems = files(train);
        Idx.Array[] arrays = new Idx.Array[2];
        for (int i = 0; i < 2; i++) {
            String name = folder + "/" + stems[i] + ".gz";
            try (InputStream in = ImageClassification.class.getResourceAsStream(name)) {
                if (in == null) throw new FileNotFoundException("resource " + name + " is missing from module dev.jtorch.data");
                arrays[i] = Idx.readArray(in, "resource " + name);
            }
        }
        return assemble(arrays[0], arrays[1], stems[0], stems[1], false);
    }

    static boolean present(Path dir, boolean train) {
        for (String stem : files(train)) {
            if (!Files.isRegularFile(dir.resolve(stem + ".gz")) && !Files.isRegularFile(dir.resolve(stem))) return false;
        }
        return true;
    }

    private static Path find(Path dir, String stem, String setName, String howToGet) throws IOException {
        Path gz = dir.resolve(stem + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        Path raw = dir.resolve(stem);
        if (Files.isRegularFile(raw)) return raw;
        throw new FileNotFoundException(setName + ": neither " + gz + " nor " + raw + " exists. " + howToGet);
    }

    private static TensorDataset assemble(Idx.Array images, Idx.Array labels, String imagesName, String labelsName,
                                          boolean bytes) throws IOException {
        if (images.dtype() != DType.UINT8 || images.shape().length != 3 || images.shape()[1] != SIDE || images.shape()[2] != SIDE) {
            throw new IOException(imagesName + " is not an image file of this set: expected uint8 images [N, 28, 28], found "
                    + images.dtype() + " " + Arrays.toString(images.shape()));
        }
        if (labels.dtype() != DType.UINT8 || labels.shape().length != 1) {
            throw new IOException(labelsName + " is not a label file: expected uint8 labels [N], found " + labels.dtype() + " " + Arrays.toString(labels.shape()));
        }
        int n = Math.toIntExact(images.shape()[0]);
        if (labels.shape()[0] != n) throw new IOException(imagesName + " has " + n + " images but " + labelsName + " has " + labels.shape()[0] + " labels");
        byte[] px = images.data();
        long[] classes = new long[n];
        byte[] lb = labels.data();
        for (int i = 0; i < n; i++) {
            classes[i] = lb[i] & 0xff;
            if (classes[i] >= CLASSES) throw new IOException(labelsName + " is corrupted: label " + classes[i] + " at index " + i + " is not a class 0-9");
        }
        Tensor labelTensor = Torch.from(classes, n);
        if (bytes) {
            // torchvision's `.data`: a quarter of the float32 memory; the caller converts each batch.
            return new TensorDataset(Torch.from(MemorySegment.ofArray(px), DType.UINT8, n, 1, SIDE, SIDE), labelTensor);
        }
        float[] pixels = new float[px.length];
        for (int i = 0; i < px.length; i++) pixels[i] = (px[i] & 0xff) / 255f; // ToTensor: uint8 -> float32 / 255
        return new TensorDataset(Torch.from(pixels, n, 1, SIDE, SIDE), labelTensor);
    }
}

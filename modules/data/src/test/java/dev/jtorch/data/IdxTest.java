package dev.jtorch.data;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file built by hand from its specification. */
    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException { return Files.write(dir.resolve(name), bytes); }

    @Test
    void readsRawAndGzipFilesOfEachType() throws IOException {
        byte[] ubytes = {0, 1, (byte) 200, (byte) 255, 7, 9};
        for (Path p : new Path[]{write("u.idx", idx(0x08, new int[]{2, 3}, ubytes)), write("u.idx.gz", gzip(idx(0x08, new int[]{2, 3}, ubytes)))}) {
            Tensor t = Idx.read(p);
            assertEquals(DType.UINT8, t.dtype());
            assertArrayEquals(new long[]{2, 3}, t.shape().toArray());
            assertArrayEquals(new long[]{0, 1, 200, 255, 7, 9}, t.toLongArray());
        }
        ByteBuffer ints = ByteBuffer.allocate(8).putInt(-5).putInt(70000);
        assertArrayEquals(new long[]{-5, 70000}, Idx.read(write("i.idx", idx(0x0C, new int[]{2}, ints.array()))).toLongArray());
        ByteBuffer floats = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2.25f);
        Tensor f = Idx.read(write("f.idx", idx(0x0D, new int[]{1, 2}, floats.array())));
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[]{1.5f, -2.25f}, f.toFloatArray());
        ByteBuffer shorts = ByteBuffer.allocate(4).putShort((short) -3).putShort((short) 1000);
        assertArrayEquals(new long[]{-3, 1000}, Idx.read(write("s.idx", idx(0x0B, new int[]{2}, shorts.array()))).toLongArray());
    }

    private void assertBroken(byte[] bytes, String expected) throws IOException {
        Path p = write("broken.idx", bytes);
        IOException e = assertThrows(IOException.class, () -> Idx.read(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void damagedFilesGiveMessagesThatSayWhatIsWrong() throws IOException {
        byte[] good = idx(0x08, new int[]{2, 3}, new byte[6]);
        assertBroken(Arrays.copyOf(good, good.length - 1), "is truncated: shape [2, 3] needs 6 bytes of data, the file has 5");
        assertBroken(Arrays.copyOf(good, 9), "is truncated: its header names 2 dims");
        assertBroken(Arrays.copyOf(good, good.length + 1), "has bytes after");
        assertBroken(new byte[]{0, 0}, "it has only 2 bytes");
        // dims whose product overflows a long (a damaged header): said too large, not an ArithmeticException
        int big = 0x80000000;
        assertBroken(idx(0x0E, new int[]{big, big, big}, new byte[0]), "an IDX array of shape [2147483648, 2147483648, 2147483648] is too large");
        assertBroken(idx(0x08, new int[]{big, big, 0, big}, new byte[1]), "has bytes after the 0 bytes");
    }

    @Test
    void damagedGzipIsReportedAsSuch() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[]{100}, new byte[100]));
        assertBroken(Arrays.copyOf(gz, gz.length - 12), "is truncated");
        byte[] flipped = gz.clone();
        flipped[12] ^= (byte) 0xff;
        Path p = write("flipped.idx.gz", flipped);
        IOException e = assertThrows(IOException.class, () -> Idx.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void notAnIdxFile() throws IOException {
        assertBroken("hello, world".getBytes(), "must start with two zero bytes");
        assertBroken(new byte[]{0, 0, 0x42, 1, 0, 0, 0, 0}, "unknown type code 0x42");
    }

    @Test
    void fashionMnistNamesWhatIsMissingAndHowToGetIt() throws IOException {
        var e = assertThrows(FileNotFoundException.class, () -> FashionMnist.load(dir, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz") && e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        write("t10k-images-idx3-ubyte", idx(0x08, new int[]{2, 28, 28}, new byte[2 * 784]));
        write("t10k-labels-idx1-ubyte.gz", gzip(idx(0x08, new int[]{3}, new byte[3])));
        var mismatch = assertThrows(IOException.class, () -> FashionMnist.load(dir, false));
        assertTrue(mismatch.getMessage().contains("has 2 images but") && mismatch.getMessage().contains("apt-get install"), mismatch.getMessage());
        write("t10k-labels-idx1-ubyte.gz", gzip(idx(0x08, new int[]{2}, new byte[]{4, 12})));
        var badLabel = assertThrows(IOException.class, () -> FashionMnist.load(dir, false));
        assertTrue(badLabel.getMessage().contains("label 12 at index 1"), badLabel.getMessage());
        write("t10k-labels-idx1-ubyte.gz", gzip(idx(0x08, new int[]{2}, new byte[]{4, 9})));
        TensorDataset ok = FashionMnist.load(dir, false);
        assertEquals(2, ok.size());
        assertTrue(FashionMnist.isPresent(dir, false));
    }

    @Test
    void embeddedSampleIsTheStartOfTheRealSet() {
        Map<String, String> facts = Golden.read("fashion-mnist.txt");
        TensorDataset train = FashionMnist.embedded(true), test = FashionMnist.embedded(false);
        assertEquals(FashionMnist.EMBEDDED_TRAIN, train.size());
        assertEquals(FashionMnist.EMBEDDED_TEST, test.size());
        Tensor[] images = {train.tensors()[0], test.tensors()[0]};
        assertArrayEquals(new long[]{2000, 1, 28, 28}, images[0].shape().toArray());
        assertEquals(DType.FLOAT32, images[0].dtype());
        assertEquals(DType.INT64, train.tensors()[1].dtype());
        assertArrayEquals(Golden.longs(facts.get("train_labels_first20")), Arrays.copyOf(train.tensors()[1].toLongArray(), 20));
        assertArrayEquals(Golden.longs(facts.get("test_labels_first20")), Arrays.copyOf(test.tensors()[1].toLongArray(), 20));
        assertEquals(Long.parseLong(facts.get("train_image0_byte_sum")), byteSum(train.get(0)[0]));
        assertEquals(Long.parseLong(facts.get("train_image1999_byte_sum")), byteSum(train.get(1999)[0]));
        assertEquals(Long.parseLong(facts.get("test_image499_byte_sum")), byteSum(test.get(499)[0]));
    }

    /** The image's pixel bytes summed back from ToTensor's x / 255. */
    private static long byteSum(Tensor image) {
        long sum = 0;
        for (float v : image.toFloatArray()) sum += Math.round(v * 255f);
        return sum;
    }

    /** Every single-bit flip and every cut of a raw and a gzipped file reads or fails with an IOException naming it. */
    @Test
    void everyBitFlipAndCutReadsOrFailsClearly() throws IOException {
        byte[] raw = idx(0x08, new int[]{3, 4}, new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        for (byte[] good : new byte[][]{raw, gzip(raw)}) {
            for (int at = 0; at < good.length * 8 + good.length; at++) {
                byte[] damaged;
                if (at < good.length * 8) {
                    damaged = good.clone();
                    damaged[at / 8] ^= (byte) (1 << (at % 8));
                } else {
                    damaged = Arrays.copyOf(good, at - good.length * 8);
                }
                Path p = write("damaged.idx", damaged);
                try {
                    Idx.read(p);
                } catch (IOException e) {
                    assertTrue(e.getMessage() != null && e.getMessage().contains(p.toString()), at + ": " + e);
                }
            }
        }
    }
}

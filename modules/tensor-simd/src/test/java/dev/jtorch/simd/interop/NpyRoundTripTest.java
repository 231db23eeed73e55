package dev.jtorch.simd.interop;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.io.Npy;
import dev.jtorch.io.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** save then load gives the same dtype, shape and bits, for every dtype and layout; .npz archives likewise. */
class NpyRoundTripTest {
    @TempDir
    Path tmp;

    private static void assertSame(Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype());
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray());
        if (expected.dtype() == DType.FLOAT64) assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray());
        else if (expected.dtype() == DType.INT64) assertArrayEquals(expected.toLongArray(), actual.toLongArray());
        else if (expected.dtype() == DType.BOOL) assertArrayEquals(expected.toBooleanArray(), actual.toBooleanArray());
        else assertArrayEquals(expected.toFloatArray(), actual.toFloatArray());
    }

    private Tensor roundTrip(Tensor t) throws IOException {
        Path p = tmp.resolve("t.npy");
        Npy.save(p, t);
        return Npy.load(p);
    }

    @Test
    void everyNumPyDtype() throws IOException {
        Generator g = new Generator(3);
        List<Tensor> cases = List.of(
                Torch.randn(new long[]{3, 4}, DType.FLOAT32, g),
                Torch.randn(new long[]{2, 2, 2}, DType.FLOAT64, g),
                Torch.randn(new long[]{5}, DType.FLOAT16, g),
                Torch.randint(Long.MIN_VALUE, Long.MAX_VALUE, new long[]{6}, DType.INT64, g),
                Torch.randint(Integer.MIN_VALUE, Integer.MAX_VALUE, new long[]{6}, DType.INT32, g),
                Torch.randint(-32768, 32768, new long[]{6}, DType.INT16, g),
                Torch.randint(-128, 128, new long[]{6}, DType.INT8, g),
                Torch.randint(0, 256, new long[]{6}, DType.UINT8, g),
                Torch.tensor(new boolean[][]{{true, false, true}}),
                Torch.tensor(3.25),
                Torch.tensor(new float[0]),
                Torch.zeros(2, 0, 3));
        for (Tensor t : cases) assertSame(t, roundTrip(t));
    }

    @Test
    void viewsAreWrittenInRowMajorOrder() throws IOException {
        Tensor base = Torch.arange(0, 24).reshape(4, 6);
        Tensor view = base.t().slice(0, 1, 5).select(1, 2).unsqueeze(1);
        Tensor back = roundTrip(view);
        assertArrayEquals(view.toLongArray(), back.toLongArray());
        assertTrue(back.isContiguous());
    }

    @Test
    void bfloat16IsRefusedBeforeTheFileIsCreated() {
        Path p = tmp.resolve("bf16.npy");
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.save(p, Torch.zeros(new long[]{2}, DType.BFLOAT16)));
        assertEquals("bfloat16 has no NumPy dtype, so it cannot be saved as .npy (PyTorch's .numpy() refuses it too); convert first, "
                + "e.g. tensor.to(DType.FLOAT32)", e.getMessage());
        assertFalse(Files.exists(p));
        Path z = tmp.resolve("bf16.npz");
        assertThrows(IllegalArgumentException.class, () -> Npz.save(z, Map.of("w", Torch.zeros(new long[]{2}, DType.BFLOAT16))));
        assertFalse(Files.exists(z));
    }

    @Test
    void hugeHeadersUseFormatTwo() throws IOException {
        long[] shape = new long[23000]; // NumPy would never load this rank, but the header logic is what is tested
        java.util.Arrays.fill(shape, 1);
        Tensor t = Torch.tensor(new float[]{4.5f}).reshape(shape);
        Path p = tmp.resolve("wide.npy");
        Npy.save(p, t);
        byte[] bytes = Files.readAllBytes(p);
        assertEquals(2, bytes[6]);
        int hlen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8 | (bytes[10] & 0xFF) << 16 | (bytes[11] & 0xFF) << 24;
        assertEquals(0, (12 + hlen) % 64);
        assertEquals(4.5, Npy.load(p).item());
    }

    @Test
    void headersMatchNumPysForTheSameDtypeAndShape() throws IOException {
        Path p = tmp.resolve("h.npy");
        Npy.save(p, Torch.zeros(2, 3));
        // the fixture is np.save of a (2, 3) float32 array: its 128-byte header must be ours too
        byte[] numpy = Files.readAllBytes(NpyFixturesTest.fixture("f4_2x3.npy"));
        byte[] ours = Files.readAllBytes(p);
        assertEquals(numpy.length, ours.length);
        assertArrayEquals(java.util.Arrays.copyOf(numpy, 128), java.util.Arrays.copyOf(ours, 128));
    }

    @Test
    void npzArchivesKeepNamesAndOrder() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("zeta", Torch.randn(new long[]{3, 2}, DType.FLOAT32, new Generator(1)));
        in.put("alpha", Torch.arange(0, 5));
        in.put("mask", Torch.tensor(new boolean[]{true, false}));
        in.put("scalar", Torch.tensor(2.0));
        for (boolean compressed : new boolean[]{false, true}) {
            Path p = tmp.resolve(compressed ? "c.npz" : "u.npz");
            if (compressed) Npz.saveCompressed(p, in);
            else Npz.save(p, in);
            Map<String, Tensor> out = Npz.load(p);
            assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()));
            for (String k : in.keySet()) assertSame(in.get(k), out.get(k));
        }
    }

    /**
     * Every single-bit flip and every truncation of an archive either still reads (a flip in array data cannot be
     * told from data) or fails with an IOException that names the file and says what is wrong: the zip layer's
     * EOFException had no message at all.
     */
    @Test
    void damagedNpzArchivesFailClearly() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("w", Torch.randn(new long[]{3, 4}, DType.FLOAT32, new Generator(2)));
        in.put("b", Torch.arange(0, 5));
        for (boolean compressed : new boolean[]{false, true}) {
            Path p = tmp.resolve(compressed ? "dc.npz" : "du.npz"), bad = tmp.resolve("bad.npz");
            if (compressed) Npz.saveCompressed(p, in);
            else Npz.save(p, in);
            byte[] good = Files.readAllBytes(p);
            for (int at = 0; at <= good.length * 8; at++) {
                byte[] b = at < good.length * 8 ? good.clone() : null;
                if (b != null) b[at / 8] ^= (byte) (1 << (at % 8));
                for (int cut : b == null ? new int[]{0, 1, 30, good.length / 2, good.length - 1} : new int[]{-1}) {
                    byte[] damaged = cut < 0 ? b : java.util.Arrays.copyOf(good, cut);
                    Files.write(bad, damaged);
                    String what = (compressed ? "compressed, " : "") + (cut < 0 ? "bit " + at : "cut at " + cut);
                    try {
                        Npz.load(bad);
                    } catch (IOException e) {
                        String m = e.getMessage();
                        if (m == null || !m.contains(bad.toString())) fail(what + ": " + e + " does not name the file");
                    } catch (RuntimeException e) {
                        if (!(e instanceof IllegalArgumentException) || e.getMessage() == null) fail(what + ": " + e);
                    }
                }
            }
        }
    }
}

package dev.jtorch.simd.interop;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files written by NumPy 1.24 (tools/golden/gen_npy_fixtures.py, which names the formula of each
 * array) load with the right dtype, shape and values; saving them again gives NumPy's bytes.
 */
class NpyFixturesTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(NpyFixturesTest.class.getResource("/golden/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] shape(Tensor t) { return t.shape().toArray(); }

    @Test
    void everySharedDtypeLoads() throws IOException {
        Tensor f4 = Npy.load(fixture("f4_2x3.npy")); // np.arange(6, dtype=float32).reshape(2, 3) * 1.5 - 2
        assertEquals(DType.FLOAT32, f4.dtype());
        assertArrayEquals(new long[]{2, 3}, shape(f4));
        assertArrayEquals(new float[]{-2, -0.5f, 1, 2.5f, 4, 5.5f}, f4.toFloatArray());

        Tensor scalar = Npy.load(fixture("f8_scalar.npy")); // np.float64(-2.75)
        assertEquals(DType.FLOAT64, scalar.dtype());
        assertEquals(0, scalar.dim());
        assertEquals(-2.75, scalar.item());

        Tensor f2 = Npy.load(fixture("f2_5.npy"));
        assertEquals(DType.FLOAT16, f2.dtype());
        assertArrayEquals(new float[]{0.5f, -1, 65504, Float.POSITIVE_INFINITY, -0.0f}, f2.toFloatArray());

        float[] special = Npy.load(fixture("f4_special.npy")).toFloatArray();
        assertTrue(Float.isNaN(special[0]));
        assertArrayEquals(new float[]{Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-45f, -3.4028235e38f},
                java.util.Arrays.copyOfRange(special, 1, 5));

        assertArrayEquals(new long[]{Long.MIN_VALUE, Long.MAX_VALUE, 42}, Npy.load(fixture("i8_3.npy")).toLongArray());
        Tensor i4 = Npy.load(fixture("i4_2x2.npy"));
        assertEquals(DType.INT32, i4.dtype());
        assertArrayEquals(new int[]{Integer.MIN_VALUE, 7, Integer.MAX_VALUE, 0}, i4.toIntArray());
        assertEquals(DType.INT16, Npy.load(fixture("i2_3.npy")).dtype());
        assertArrayEquals(new int[]{-32768, 1, 32767}, Npy.load(fixture("i2_3.npy")).toIntArray());
        assertEquals(DType.INT8, Npy.load(fixture("i1_3.npy")).dtype());
        assertArrayEquals(new int[]{-128, 0, 127}, Npy.load(fixture("i1_3.npy")).toIntArray());
        assertEquals(DType.UINT8, Npy.load(fixture("u1_3.npy")).dtype());
        assertArrayEquals(new int[]{0, 128, 255}, Npy.load(fixture("u1_3.npy")).toIntArray());
        Tensor b = Npy.load(fixture("b1_2x2.npy"));
        assertEquals(DType.BOOL, b.dtype());
        assertArrayEquals(new boolean[]{true, false, false, true}, b.toBooleanArray());

        Tensor empty = Npy.load(fixture("f4_empty_0x3.npy"));
        assertArrayEquals(new long[]{0, 3}, shape(empty));
        assertArrayEquals(new long[]{1, 1, 1}, shape(Npy.load(fixture("i8_1x1x1.npy"))));
    }

    @Test
    void fortranOrderBigEndianAndVersionTwo() throws IOException {
        // np.asfortranarray(np.arange(12, dtype=float32).reshape(3, 4)): same values, column-major strides
        Tensor f = Npy.load(fixture("f4_3x4_fortran.npy"));
        assertArrayEquals(new long[]{3, 4}, shape(f));
        assertArrayEquals(new long[]{1, 3}, f.stride());
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, f.toFloatArray());
        // (np.arange(6).reshape(2, 3) / 4 - 1).astype('>f8')
        Tensor be = Npy.load(fixture("f8_2x3_bigendian.npy"));
        assertEquals(DType.FLOAT64, be.dtype());
        assertArrayEquals(new double[]{-1, -0.75, -0.5, -0.25, 0, 0.25}, be.toDoubleArray());
        assertArrayEquals(new int[]{1, -2, 3 << 24, Integer.MIN_VALUE}, Npy.load(fixture("i4_4_bigendian.npy")).toIntArray());
        assertArrayEquals(new float[]{1, 2, 3}, Npy.load(fixture("f4_3_v2.npy")).toFloatArray());
    }

    @Test
    void savingWhatNumPyWroteGivesNumPysBytes() throws IOException {
        for (String name : new String[]{"f4_2x3.npy", "f8_scalar.npy", "f2_5.npy", "f4_special.npy", "i8_3.npy", "i4_2x2.npy",
                "i2_3.npy", "i1_3.npy", "u1_3.npy", "b1_2x2.npy", "f4_empty_0x3.npy", "i8_1x1x1.npy"}) {
            Path out = tmp.resolve(name);
            Npy.save(out, Npy.load(fixture(name)));
            assertArrayEquals(Files.readAllBytes(fixture(name)), Files.readAllBytes(out), name);
        }
    }

    @Test
    void unsupportedTypesAreRefusedClearly() {
        var e = assertThrows(IOException.class, () -> Npy.load(fixture("c8_2.npy")));
        assertTrue(e.getMessage().endsWith("unsupported NumPy dtype '<c8' (complex arrays are not supported)"), e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.load(fixture("object_2.npy")));
        assertTrue(e.getMessage().endsWith("unsupported NumPy dtype '|O' (object arrays are not supported)"), e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.load(fixture("u2_2.npy")));
        assertTrue(e.getMessage().contains("'<u2'"), e.getMessage());
    }

    @Test
    void damagedFilesAreRefusedNotMisread() {
        var e = assertThrows(IOException.class, () -> Npy.load(fixture("truncated_data.npy")));
        assertTrue(e.getMessage().endsWith("truncated .npy data: expected 24 bytes, found 19"), e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.load(fixture("truncated_header.npy")));
        assertTrue(e.getMessage().contains("truncated .npy file"), e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.load(fixture("not_npy.npy")));
        assertTrue(e.getMessage().endsWith("not a .npy file (bad magic string)"), e.getMessage());
        e = assertThrows(IOException.class, () -> Npy.load(fixture("trailing_bytes.npy")));
        assertTrue(e.getMessage().contains("unexpected bytes after the array data"), e.getMessage());
        assertFalse(Files.exists(fixture("f4_2x3.npy").resolveSibling("missing.npy")));
        assertThrows(IOException.class, () -> Npy.load(fixture("f4_2x3.npy").resolveSibling("missing.npy")));
    }
}

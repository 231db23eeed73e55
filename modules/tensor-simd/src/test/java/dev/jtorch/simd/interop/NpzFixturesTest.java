package dev.jtorch.simd.interop;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.io.Npz;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Archives written by numpy.savez and numpy.savez_compressed (see tools/golden/gen_npy_fixtures.py). */
class NpzFixturesTest {

    @Test
    void storedAndDeflatedArchivesLoadInOrder() throws IOException {
        for (String name : new String[]{"archive.npz", "archive_compressed.npz"}) {
            Map<String, Tensor> m = Npz.load(NpyFixturesTest.fixture(name));
            assertEquals(List.of("weight", "bias", "flag"), List.copyOf(m.keySet()), name);
            Tensor w = m.get("weight"); // np.arange(6, dtype=float32).reshape(3, 2) - 2.5
            assertEquals(DType.FLOAT32, w.dtype());
            assertArrayEquals(new long[]{3, 2}, w.shape().toArray());
            assertArrayEquals(new float[]{-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, w.toFloatArray());
            assertArrayEquals(new long[]{1, 2}, m.get("bias").toLongArray());
            Tensor flag = m.get("flag"); // np.array(True)
            assertEquals(DType.BOOL, flag.dtype());
            assertEquals(0, flag.dim());
            assertEquals(Boolean.TRUE, flag.toArray());
        }
    }

    @Test
    void entriesThatAreNotArraysAreRefused() {
        var e = assertThrows(IOException.class, () -> Npz.load(NpyFixturesTest.fixture("archive_with_text.npz")));
        assertTrue(e.getMessage().endsWith("entry 'readme.txt' is not a .npy array"), e.getMessage());
        assertThrows(IOException.class, () -> Npz.load(NpyFixturesTest.fixture("f4_2x3.npy")));
    }
}

package dev.jtorch.simd.random;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeding, independence of generators, state save/restore and thread safety. */
class ReproducibilityTest {

    @Test
    void sameSeedSameNumbers() {
        Torch.manualSeed(77);
        float[] a = Torch.randn(1000).toFloatArray();
        long[] b = Torch.randint(0, 100, 50).toLongArray();
        Torch.manualSeed(77);
        assertArrayEquals(a, Torch.randn(1000).toFloatArray());
        assertArrayEquals(b, Torch.randint(0, 100, 50).toLongArray());
        assertEquals(77, Torch.initialSeed());
        assertFalse(java.util.Arrays.equals(a, Torch.randn(1000).toFloatArray()), "the stream moved on");
    }

    @Test
    void generatorsAreIndependentOfTheDefaultOne() {
        Generator g = new Generator(5);
        float[] first = Torch.rand(new long[]{10}, DType.FLOAT32, g).toFloatArray();
        Torch.manualSeed(5);
        Torch.rand(100); // draws from the default generator do not disturb g
        assertArrayEquals(Torch.rand(new long[]{10}, DType.FLOAT32, new Generator(5).manualSeed(5)).toFloatArray(), first);
        float[] next = Torch.rand(new long[]{10}, DType.FLOAT32, g).toFloatArray();
        Generator h = new Generator(5);
        Torch.rand(new long[]{10}, DType.FLOAT32, h);
        assertArrayEquals(next, Torch.rand(new long[]{10}, DType.FLOAT32, h).toFloatArray());
    }

    @Test
    void negativeSeedsAreTheirTwosComplement() {
        assertArrayEquals(Torch.rand(new long[]{5}, DType.FLOAT32, new Generator(-1)).toFloatArray(),
                Torch.rand(new long[]{5}, DType.FLOAT32, new Generator(0xFFFFFFFFFFFFFFFFL)).toFloatArray());
        // mt19937 uses the low 32 bits only, as PyTorch's
        assertArrayEquals(Torch.rand(new long[]{5}, DType.FLOAT32, new Generator(3)).toFloatArray(),
                Torch.rand(new long[]{5}, DType.FLOAT32, new Generator((1L << 32) + 3)).toFloatArray());
    }

    @Test
    void stateSaveAndRestore() {
        Torch.manualSeed(9);
        Torch.randn(3, 3);
        Tensor state = Torch.getRngState();
        double[] a = Torch.randn(new long[]{7}, DType.FLOAT64).toDoubleArray();
        Torch.setRngState(state);
        assertArrayEquals(a, Torch.randn(new long[]{7}, DType.FLOAT64).toDoubleArray());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Torch.setRngState(Torch.zeros(new long[]{10}, DType.UINT8)));
        assertEquals("Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState of size 5056 but found "
                + "the input RNG state size to be 10", e.getMessage());
    }

    @Test
    void seedIsNonDeterministicAndRecorded() {
        Generator g = new Generator();
        long s = g.seed();
        assertEquals(s, g.initialSeed());
        assertTrue(s >= 0 && s < (1L << 53));
        assertNotEquals(s, new Generator().seed()); // a 2^-53 chance of a false failure
    }

    @Test
    void concurrentCallersGetWholeDisjointBlocksOfTheStream() throws Exception {
        int threads = 4, perThread = 25, size = 64;
        // the sequential stream, cut into the blocks one call draws
        Generator reference = new Generator(1234);
        Set<List<Float>> expected = new HashSet<>();
        for (int i = 0; i < threads * perThread; i++) expected.add(asList(Torch.rand(new long[]{size}, DType.FLOAT32, reference).toFloatArray()));

        Generator shared = new Generator(1234);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<List<Float>>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<List<Float>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) mine.add(asList(Torch.rand(new long[]{size}, DType.FLOAT32, shared).toFloatArray()));
                    return mine;
                }));
            }
            Set<List<Float>> seen = new HashSet<>();
            for (var f : futures) for (List<Float> block : f.get()) assertTrue(seen.add(block), "a block was drawn twice");
            assertEquals(expected, seen);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Float> asList(float[] a) {
        List<Float> l = new ArrayList<>(a.length);
        for (float v : a) l.add(v);
        return l;
    }
}

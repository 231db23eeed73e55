package dev.jtorch.simd.random;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moments and ranges of 100k samples. Tolerances are about 5 standard errors: with 100k samples
 * the mean of U[0,1) has a standard error of 0.0009 and that of N(0,1) 0.0032.
 */
class DistributionSanityTest {
    private static final int N = 100_000;

    private static double mean(double[] a) { return Arrays.stream(a).average().orElseThrow(); }

    private static double std(double[] a) {
        double m = mean(a);
        return Math.sqrt(Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / (a.length - 1));
    }

    @Test
    void uniformInEveryFloatingDtype() {
        for (DType dt : new DType[]{DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16}) {
            double[] u = Torch.rand(new long[]{N}, dt, new Generator(11)).toDoubleArray();
            assertTrue(Arrays.stream(u).allMatch(v -> v >= 0 && v < 1), dt + " outside [0, 1)");
            assertEquals(0.5, mean(u), 0.005, dt + " mean");
            assertEquals(Math.sqrt(1 / 12.0), std(u), 0.005, dt + " std");
        }
        double[] w = Torch.zeros(new long[]{N}, DType.FLOAT64).uniform_(-3, 5, new Generator(12)).toDoubleArray();
        assertTrue(Arrays.stream(w).allMatch(v -> v >= -3 && v < 5));
        assertEquals(1.0, mean(w), 0.04);
    }

    @Test
    void normalInEveryFloatingDtypeAndBothKernelPaths() {
        for (DType dt : new DType[]{DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16}) {
            double[] z = Torch.randn(new long[]{N}, dt, new Generator(21)).toDoubleArray();
            assertEquals(0.0, mean(z), 0.016, dt + " mean");
            assertEquals(1.0, std(z), 0.016, dt + " std");
        }
        // a transposed target takes the one-sample-at-a-time path
        double[] t = Torch.zeros(N / 10, 10).t().normal_(4, 2, new Generator(22)).toDoubleArray();
        assertEquals(4.0, mean(t), 0.032);
        assertEquals(2.0, std(t), 0.032);
        double[] n = Torch.normal(-1, 0.5, new long[]{N}, new Generator(23)).toDoubleArray();
        assertEquals(-1.0, mean(n), 0.008);
        assertEquals(0.5, std(n), 0.008);
    }

    @Test
    void integersCoverTheirRangeEvenly() {
        long[] r = Torch.randint(-3, 7, new long[]{N}, DType.INT64, new Generator(31)).toLongArray();
        int[] counts = new int[10];
        for (long v : r) counts[(int) (v + 3)]++;
        for (int c : counts) assertEquals(N / 10.0, c, 500); // binomial sd ~95
        long[] wide = Torch.randint(0, 1L << 50, new long[]{N}, DType.INT64, new Generator(32)).toLongArray();
        assertTrue(Arrays.stream(wide).allMatch(v -> v >= 0 && v < (1L << 50)));
        assertEquals(0.5, Arrays.stream(wide).mapToDouble(v -> v / 0x1p50).average().orElseThrow(), 0.005);
        int[] small = Torch.zeros(new long[]{1000}, DType.INT32).random_(5, 8, new Generator(33)).toIntArray();
        assertTrue(Arrays.stream(small).allMatch(v -> v >= 5 && v < 8));
    }

    @Test
    void permutationsArePermutationsInEveryDtype() {
        long[] p = Torch.randperm(N, new Generator(41)).toLongArray();
        long[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < N; i++) assertEquals(i, sorted[i]);
        assertTrue(p[0] != 0 || p[1] != 1, "not shuffled");
        int[] bytes = Torch.randperm(256, DType.UINT8, new Generator(42)).toIntArray();
        Arrays.sort(bytes);
        for (int i = 0; i < 256; i++) assertEquals(i, bytes[i]);
        float[] f = Torch.randperm(100, DType.FLOAT32, new Generator(43)).toFloatArray();
        Arrays.sort(f);
        for (int i = 0; i < 100; i++) assertEquals(i, f[i]);
        assertEquals(0, Torch.randperm(0).numel());
        assertArrayEquals(new long[]{0}, Torch.randperm(1).toLongArray());
    }

    @Test
    void bernoulliFrequenciesMatchTheProbabilities() {
        for (DType dt : new DType[]{DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16}) {
            Tensor p = Torch.tensor(new double[]{0.25}, dt).expand(N);
            double[] b = Torch.bernoulli(p, new Generator(51)).toDoubleArray();
            assertTrue(Arrays.stream(b).allMatch(v -> v == 0 || v == 1));
            assertEquals(0.25, mean(b), 0.007, dt + " frequency");
        }
        double[] s = Torch.zeros(N).bernoulli_(0.8, new Generator(52)).toDoubleArray();
        assertEquals(0.8, mean(s), 0.007);
        boolean[] flags = Torch.zeros(new long[]{N}, DType.BOOL).bernoulli_(0.5, new Generator(53)).toBooleanArray();
        int ones = 0;
        for (boolean f : flags) ones += f ? 1 : 0;
        assertEquals(N / 2.0, ones, 800);
        assertArrayEquals(new double[]{0, 1, 0, 1}, Torch.bernoulli(Torch.tensor(0.0, 1.0, 0.0, 1.0)).toDoubleArray());
    }

    @Test
    void emptyAndScalarShapes() {
        assertEquals(0, Torch.rand(0).numel());
        assertEquals(0, Torch.randn(2, 0).numel());
        Tensor s = Torch.rand(new long[0], DType.FLOAT32, new Generator(1));
        assertEquals(0, s.dim());
        assertTrue(s.item() >= 0 && s.item() < 1);
    }
}

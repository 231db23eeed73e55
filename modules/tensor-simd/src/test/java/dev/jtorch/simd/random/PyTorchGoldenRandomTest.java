package dev.jtorch.simd.random;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same seed gives the same numbers as PyTorch's CPU generator. Expected values are from
 * PyTorch 1.13 (CPU capability AVX2), each under the call that produced it.
 */
class PyTorchGoldenRandomTest {

    private static Generator seeded(long seed) { return new Generator(seed); }

    @Test
    void randFloat32AndFloat64() {
        Torch.manualSeed(0); // torch.manual_seed(0); torch.rand(3)
        assertArrayEquals(new float[]{0.4962566f, 0.7682218f, 0.08847743f}, Torch.rand(3).toFloatArray());
        // torch.manual_seed(0); torch.rand(3, dtype=torch.float64)
        assertArrayEquals(new double[]{0.9700530018065531, 0.707819864399788, 0.45938294312745087},
                Torch.rand(new long[]{3}, DType.FLOAT64, seeded(0)).toDoubleArray());
        // torch.rand(2, generator=torch.Generator()): the default seed 67280421310721
        assertArrayEquals(new float[]{0.267295241355896f, 0.8725283145904541f}, Torch.rand(new long[]{2}, DType.FLOAT32, new Generator()).toFloatArray());
    }

    @Test
    void randnSmallTensorsUseScalarBoxMuller() {
        // torch.manual_seed(0); torch.randn(5)
        assertArrayEquals(new float[]{1.5409961f, -0.2934289f, -2.1787894f, 0.56843126f, -1.0845224f},
                Torch.randn(new long[]{5}, DType.FLOAT32, seeded(0)).toFloatArray());
        // torch.manual_seed(0); torch.randn(5, dtype=torch.float64)
        assertArrayEquals(new double[]{1.5409961082440433, -0.2934289057609464, -2.1787893820745574, 0.5684312772806678, -1.084522342424021},
                Torch.randn(new long[]{5}, DType.FLOAT64, seeded(0)).toDoubleArray());
    }

    @Test
    void secondBoxMullerSampleIsCachedAcrossCallsUntilReseeded() {
        Generator g = seeded(0);
        Torch.randn(new long[]{3}, DType.FLOAT64, g);
        // torch.manual_seed(0); torch.randn(3, dtype=torch.float64); torch.randn(2, dtype=torch.float64)
        assertArrayEquals(new double[]{0.5684312772806678, -1.084522342424021}, Torch.randn(new long[]{2}, DType.FLOAT64, g).toDoubleArray());
        g.manualSeed(0);
        assertArrayEquals(new double[]{1.5409961082440433, -0.2934289057609464}, Torch.randn(new long[]{2}, DType.FLOAT64, g).toDoubleArray());
    }

    @Test
    void randnSixteenOrMoreUsesTheVectorisedFill() {
        // torch.manual_seed(42); torch.randn(16)
        assertArrayEquals(new float[]{1.9269153f, 1.4872841f, 0.9007172f, -2.105521f, 0.67841846f, -1.2345449f, -0.043067478f, -1.604667f,
                -0.7521353f, 1.648723f, -0.39247864f, -1.4036071f, -0.7278813f, -0.5594302f, -0.7688389f, 0.7624454f},
                Torch.randn(new long[]{16}, DType.FLOAT32, seeded(42)).toFloatArray());
        // torch.manual_seed(42); torch.randn(20): the ragged tail redraws the last 16
        assertArrayEquals(new float[]{1.9269153f, 1.4872841f, 0.9007172f, -2.105521f, -0.75813115f, 1.0783176f, 0.80080056f, 1.6806206f,
                0.3558599f, -0.686623f, -0.49335635f, 0.24148779f, -0.23162432f, 0.04175949f, -0.2515753f, 0.8598585f, -0.30972677f,
                -0.3957105f, 0.80340934f, -0.6215954f},
                Torch.randn(new long[]{4, 5}, DType.FLOAT32, seeded(42)).toFloatArray());
    }

    @Test
    void largeDrawsMatchBitForBit() {
        // torch.manual_seed(2024); x = torch.randn(10000); x.numpy().view(np.int32).astype(np.int64).sum()
        assertEquals(-64989850191L, sumOfBits(Torch.randn(new long[]{10000}, DType.FLOAT32, seeded(2024)).toFloatArray()));
        // torch.manual_seed(2024); torch.rand(10000, dtype=torch.float64): sum of the int64 bit patterns mod 2^64
        long sum = 0;
        for (double v : Torch.rand(new long[]{10000}, DType.FLOAT64, seeded(2024)).toDoubleArray()) sum += Double.doubleToRawLongBits(v);
        assertEquals(-3264889181710705309L, sum);
        // torch.manual_seed(2024); x = torch.randn(1000, dtype=torch.half); x.view(torch.int16).long().sum()
        assertEquals(-1893775L, Torch.randn(new long[]{1000}, DType.FLOAT16, seeded(2024)).view(DType.INT16).sum().itemLong());
        // same with dtype=torch.bfloat16
        assertEquals(547492L, Torch.randn(new long[]{1000}, DType.BFLOAT16, seeded(2024)).view(DType.INT16).sum().itemLong());
    }

    private static long sumOfBits(float[] a) {
        long s = 0;
        for (float v : a) s += Float.floatToRawIntBits(v);
        return s;
    }

    @Test
    void reducedPrecisionRandAndRandn() {
        // torch.manual_seed(7); torch.rand(5, dtype=torch.half)
        assertArrayEquals(new float[]{0.08544922f, 0.5957031f, 0.26220703f, 0.24511719f, 0.78271484f},
                Torch.rand(new long[]{5}, DType.FLOAT16, seeded(7)).toFloatArray());
        // torch.manual_seed(7); torch.rand(5, dtype=torch.bfloat16)
        assertArrayEquals(new float[]{0.68359375f, 0.765625f, 0.09765625f, 0.9609375f, 0.26171875f},
                Torch.rand(new long[]{5}, DType.BFLOAT16, seeded(7)).toFloatArray());
        // torch.manual_seed(8); torch.randn(17, dtype=torch.half)
        assertArrayEquals(new float[]{-0.31689453f, -0.50341797f, 0.04849243f, 0.35888672f, -2.2675781f, 0.58935547f, 0.08343506f,
                -1.0830078f, -0.23339844f, -0.73095703f, -0.84765625f, 0.39111328f, -0.73535156f, 1.078125f, 0.37109375f, 1.0234375f,
                1.4765625f}, Torch.randn(new long[]{17}, DType.FLOAT16, seeded(8)).toFloatArray());
        // torch.manual_seed(8); torch.randn(17, dtype=torch.bfloat16)
        assertArrayEquals(new float[]{-1.40625f, 0.17089844f, 0.9453125f, 0.30273438f, -0.98828125f, -0.48242188f, -0.23046875f,
                0.92578125f, 0.30859375f, 1.359375f, 0.44726562f, 0.10888672f, 0.73828125f, 0.55859375f, -1.2578125f, 0.20800781f,
                0.9296875f}, Torch.randn(new long[]{17}, DType.BFLOAT16, seeded(8)).toFloatArray());
    }

    @Test
    void normalAndUniformWithParameters() {
        Torch.manualSeed(3); // torch.manual_seed(3); torch.normal(2.5, 3.0, (4,))
        assertArrayEquals(new float[]{4.909828f, 3.0245001f, 2.7669344f, 0.65884596f}, Torch.normal(2.5, 3.0, 4).toFloatArray());
        // torch.manual_seed(3); torch.normal(2.5, 3.0, (18,))
        assertArrayEquals(new float[]{2.2700672f, 3.5796447f, 0.956614f, -2.4549963f, 5.638068f, 4.0665607f, 1.9995725f, 2.6591003f,
                3.7138214f, 4.333899f, 8.10778f, -1.0857029f, 5.4937673f, 3.8775413f, 9.809191f, 2.0595756f, 3.955342f, 3.115703f},
                Torch.normal(2.5, 3.0, new long[]{18}, seeded(3)).toFloatArray());
        // torch.manual_seed(6); torch.zeros(5).uniform_(-1.7, 3.3)
        assertArrayEquals(new float[]{1.1609877f, 1.0693774f, 3.2341497f, 1.340148f, -0.52672017f},
                Torch.zeros(5).uniform_(-1.7, 3.3, seeded(6)).toFloatArray());
    }

    @Test
    void integersAndPermutations() {
        Torch.manualSeed(1); // torch.manual_seed(1); torch.randint(-5, 1000, (8,))
        assertArrayEquals(new long[]{920, 294, 229, 483, 818, 548, 246, 846}, Torch.randint(-5, 1000, 8).toLongArray());
        // torch.manual_seed(1); torch.randint(-2**40, 2**41, (4,)): ranges of 2^32 or more draw 64 bits
        assertArrayEquals(new long[]{-936314961685L, 605300724808L, 1095766950793L, -223342420347L},
                Torch.randint(-(1L << 40), 1L << 41, new long[]{4}, DType.INT64, seeded(1)).toLongArray());
        // torch.manual_seed(2); torch.randperm(10)
        assertArrayEquals(new long[]{8, 7, 1, 5, 6, 9, 0, 4, 2, 3}, Torch.randperm(10, seeded(2)).toLongArray());
        // torch.manual_seed(2024); x = torch.randperm(10000); (x * torch.arange(10000)).sum()
        long[] p = Torch.randperm(10000, seeded(2024)).toLongArray();
        long weighted = 0;
        for (int i = 0; i < p.length; i++) weighted += p[i] * i;
        assertEquals(251559129300L, weighted);
        // torch.manual_seed(12); torch.zeros(6, dtype=torch.int32).random_(0, 10)
        assertArrayEquals(new int[]{3, 3, 2, 7, 3, 6}, Torch.zeros(new long[]{6}, DType.INT32).random_(0, 10, seeded(12)).toIntArray());
    }

    @Test
    void bernoulliDraws() {
        double[] p = {0.1, 0.5, 0.9, 0.0, 1.0, 0.3, 0.7, 0.5};
        // torch.manual_seed(4); torch.bernoulli(torch.tensor(p)): float p draws 24-bit uniforms
        assertArrayEquals(new float[]{0, 0, 1, 0, 1, 1, 0, 0}, Torch.bernoulli(Torch.tensor(p), seeded(4)).toFloatArray());
        // torch.manual_seed(4); torch.bernoulli(torch.tensor(p, dtype=torch.float64)): double p draws 53-bit uniforms
        Tensor d = Torch.bernoulli(Torch.tensor(p, DType.FLOAT64), seeded(4));
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new double[]{0, 0, 1, 0, 1, 0, 1, 0}, d.toDoubleArray());
        // torch.manual_seed(5); torch.zeros(10).bernoulli_(0.3)
        assertArrayEquals(new float[]{0, 1, 0, 0, 1, 0, 0, 0, 0, 0}, Torch.zeros(10).bernoulli_(0.3, seeded(5)).toFloatArray());
    }

    @Test
    void nonContiguousTensorsAreVisitedAsPyTorchVisitsThem() {
        // torch.manual_seed(9); x = torch.zeros(3, 4).t(); x.uniform_(); x
        Tensor x = Torch.zeros(3, 4).t();
        x.uniform_(0, 1, seeded(9));
        assertArrayEquals(new float[]{0.6557845f, 0.91796434f, 0.38043958f, 0.3020227f, 0.9310336f, 0.41043478f, 0.47989643f,
                0.26036042f, 0.9510206f, 0.7773736f, 0.95342386f, 0.5686295f}, x.toFloatArray());
        // torch.manual_seed(10); x = torch.zeros(20, 2).t(); x.normal_(); x[:, :3]: scalar Box-Muller, not the 16-wide fill
        Tensor y = Torch.zeros(20, 2).t();
        y.normal_(0, 1, seeded(10));
        assertArrayEquals(new float[]{-0.6013928f, -0.30226925f, 0.91982824f, -1.0122098f, -1.2276864f, -0.3484694f},
                y.narrow(1, 0, 3).toFloatArray());
        // torch.manual_seed(11); torch.bernoulli(torch.tensor([[0.2, 0.8, 0.5], [0.9, 0.1, 0.6]]).t()): the output is
        // contiguous, so p is visited in row-major order (not its memory order)
        Tensor p = Torch.tensor(new float[][]{{0.2f, 0.8f, 0.5f}, {0.9f, 0.1f, 0.6f}}).t();
        assertArrayEquals(new float[]{1, 1, 0, 0, 0, 0}, Torch.bernoulli(p, seeded(11)).toFloatArray());
    }

    @Test
    void stateIsInterchangeableWithPyTorch() {
        Generator g = seeded(123);
        Torch.randn(new long[]{3}, DType.FLOAT64, g); // leaves a cached normal in the state
        int[] bytes = g.getState().toIntArray();
        assertEquals(5056, bytes.length);
        CRC32 crc = new CRC32();
        for (int b : bytes) crc.update(b);
        // g = torch.Generator().manual_seed(123); torch.randn(3, dtype=torch.float64, generator=g);
        // zlib.crc32(bytes(g.get_state().tolist()))
        assertEquals(3490314953L, crc.getValue());

        Generator h = seeded(1).setState(g.getState());
        assertArrayEquals(Torch.randn(new long[]{5}, DType.FLOAT64, g).toDoubleArray(), Torch.randn(new long[]{5}, DType.FLOAT64, h).toDoubleArray());
        assertEquals(123, h.initialSeed());
    }
}

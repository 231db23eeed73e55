package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {
    private static final Map<String, String> GOLDEN = Golden.read("orders.txt");
    private static final TensorDataset RANGE_30 = new TensorDataset(Torch.arange(30));

    private static TensorDataset range(int n) { return new TensorDataset(Torch.arange(n)); }

    private static void assertSplits(String golden, List<Subset<Tensor[]>> splits) {
        List<long[]> expected = Golden.groups(GOLDEN.get(golden));
        assertEquals(expected.size(), splits.size());
        for (int i = 0; i < splits.size(); i++) {
            assertArrayEquals(expected.get(i), splits.get(i).indices(), golden + ": split " + i);
            long[] read = new long[(int) splits.get(i).size()];
            for (int k = 0; k < read.length; k++) read[k] = splits.get(i).get(k)[0].itemLong();
            assertArrayEquals(expected.get(i), read, golden + ": samples of split " + i);
        }
    }

    @Test
    void randomSplitByLengthsGivesPyTorchsIndices() {
        assertSplits("split_10_3_7_seed42", Datasets.randomSplit(range(10), new long[]{3, 7}, new Generator(42)));
        Torch.manualSeed(5);
        assertSplits("split_8_default5", Datasets.randomSplit(range(8), 5, 3));
    }

    @Test
    void randomSplitByFractionsSharesTheRemainderRoundRobin() {
        assertSplits("split_30_fractions_seed42", Datasets.randomSplit(RANGE_30, new double[]{0.3, 0.3, 0.4}, new Generator(42)));
        assertSplits("split_11_fractions_seed1", Datasets.randomSplit(range(11), new double[]{0.5, 0.25, 0.25}, new Generator(1)));
    }

    @Test
    void randomSplitRefusesBadLengths() {
        assertEquals("Sum of input lengths does not equal the length of the input dataset!",
                assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(range(10), new long[]{3, 6}, new Generator(1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(range(10), new double[]{0.5, 0.6}, new Generator(1)));
        assertEquals("Fraction at index 0 is not between 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(range(10), new double[]{-0.5, 1.5}, new Generator(1))).getMessage());
    }

    @Test
    void subsetReadsThroughItsIndicesAndBatchesThem() {
        Subset<Tensor[]> s = new Subset<>(range(10), new long[]{7, 2, 5});
        assertEquals(3, s.size());
        assertEquals(2, s.get(1)[0].itemLong());
        assertArrayEquals(new long[]{5, 7}, s.getBatch(new long[]{2, 0})[0].toLongArray());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(range(3), new long[]{3}));
        // a subset of a dataset without batched reads stacks its samples
        Subset<Tensor> plain = new Subset<>(Datasets.map(range(4), sample -> sample[0]), new long[]{3, 1});
        assertArrayEquals(new long[]{3, 1}, plain.getBatch(new long[]{0, 1}).toLongArray());
    }

    @Test
    void normalizeSubtractsTheMeanAndDividesByTheStdPerChannel() {
        Tensor image = Torch.tensor(new double[][][]{{{0.0, 0.5}}, {{1.0, 0.25}}}).float_(); // [2, 1, 2]
        Tensor out = new Normalize(new double[]{0.5, 0.25}, new double[]{0.5, 0.25}).apply(image);
        // torchvision: (x - mean[c]) / std[c], computed here by hand
        assertArrayEquals(new float[]{-1f, 0f, 3f, 0f}, out.toFloatArray(), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> Normalize.FASHION_MNIST.apply(Torch.zeros(28, 28).view(784)));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(0.5, 0));
        assertArrayEquals(new float[]{0f, 0.5f, 1f, 0.25f}, image.toFloatArray()); // left alone
    }

    @Test
    void normalizeInPlaceWritesIntoItsInputAndReturnsIt() {
        Tensor image = Torch.tensor(new double[][][]{{{0.0, 0.5}}, {{1.0, 0.25}}}).float_();
        Normalize n = new Normalize(new double[]{0.5, 0.25}, new double[]{0.5, 0.25}, true);
        assertTrue(n.inplace());
        Tensor out = n.apply(image);
        assertSame(image, out);
        assertArrayEquals(new float[]{-1f, 0f, 3f, 0f}, image.toFloatArray(), 1e-7f);
        assertFalse(n.inplace(false).inplace());
        assertTrue(image.version() > 0); // in-place writes bump the version counter
    }
}

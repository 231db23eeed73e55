package dev.jtorch.data;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The full set where Debian's dataset-fashion-mnist installs it (skipped, saying so, when it is not installed). */
class DebianFashionMnistTest {
    @Test
    void readsBothSplitsFromTheDebianDirectory() throws IOException {
        Assumptions.assumeTrue(FashionMnist.isPresent(FashionMnist.DEFAULT_DIR, true) && FashionMnist.isPresent(FashionMnist.DEFAULT_DIR, false),
                "Fashion-MNIST is not installed in " + FashionMnist.DEBIAN_DIR + " (apt-get install dataset-fashion-mnist)");
        Map<String, String> facts = Golden.read("fashion-mnist.txt");
        TensorDataset train = FashionMnist.train(), test = FashionMnist.test();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        Tensor images = train.tensors()[0];
        assertArrayEquals(new long[]{60000, 1, 28, 28}, images.shape().toArray());
        assertEquals(DType.FLOAT32, images.dtype());
        assertArrayEquals(Golden.longs(facts.get("train_labels_first20")), Arrays.copyOf(train.tensors()[1].toLongArray(), 20));
        assertArrayEquals(Golden.longs(facts.get("test_labels_first20")), Arrays.copyOf(test.tensors()[1].toLongArray(), 20));
        // Normalize's constants are the training set's own mean and std, to 4 decimals
        assertEquals(0.2860, images.mean().item(), 5e-5);
        assertEquals(0.3530, images.std().item(), 5e-5);
    }
}

package dev.jtorch.simd.ops;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code (dim, keepdim)} forms PyTorch code writes positionally ({@code x.amax(1, keepdim=True)} →
 * {@code x.amax(1, true)}), and {@code var}/{@code std}'s {@code (dim, unbiased, keepdim)}: each is the dims-array form
 * it stands for, whose values the golden tests check against PyTorch.
 */
class DimKeepdimOverloadsTest {
    private static void same(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray());
        assertTrue(expected.equal(actual), () -> expected + " vs " + actual);
    }

    @Test
    void eachOverloadIsItsArrayForm() {
        Torch.manualSeed(3);
        Tensor x = Torch.randn(3, 4, 5);
        for (int dim : new int[]{0, 1, -1}) {
            for (boolean keep : new boolean[]{false, true}) {
                int[] d = {dim};
                same(x.amax(d, keep), x.amax(dim, keep));
                same(x.amin(d, keep), x.amin(dim, keep));
                same(x.logsumexp(d, keep), x.logsumexp(dim, keep));
                same(x.var(d, 1, keep), x.var(dim, true, keep));
                same(x.var(d, 0, keep), x.var(dim, false, keep));
                same(x.std(d, 1, keep), x.std(dim, true, keep));
                same(x.std(d, 0, keep), x.std(dim, false, keep));
                Tensor b = x.gt(0);
                same(keep ? b.all(dim).unsqueeze(dim < 0 ? dim + 3 : dim) : b.all(dim), b.all(dim, keep));
                same(keep ? b.any(dim).unsqueeze(dim < 0 ? dim + 3 : dim) : b.any(dim), b.any(dim, keep));
            }
        }
        assertArrayEquals(new long[]{3, 1, 5}, x.amax(1, true).shape().toArray());
    }
}

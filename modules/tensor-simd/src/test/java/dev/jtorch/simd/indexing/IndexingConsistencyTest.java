package dev.jtorch.simd.indexing;

import dev.jtorch.Index;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomised agreement between independent routes to the same values: advanced indexing on one dim
 * against index_select with the wrapped positions, a write through an index against reading it back,
 * and a strided (non-contiguous) source against its contiguous copy.
 */
class IndexingConsistencyTest {
    private static final Random RNG = new Random(1234);

    private static long[] randomShape() {
        long[] s = new long[1 + RNG.nextInt(3)];
        for (int i = 0; i < s.length; i++) s[i] = 1 + RNG.nextInt(4);
        return s;
    }

    private static Tensor randomData(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return Torch.arange(0.0, n, 1.0).mul(1.5).sub(7.0).view(shape);
    }

    @Test
    void advancedIndexOnOneDimIsIndexSelect() {
        for (int round = 0; round < 200; round++) {
            long[] shape = randomShape();
            Tensor x = randomData(shape);
            if (RNG.nextBoolean() && x.dim() >= 2) x = x.transpose(0, x.dim() - 1); // a strided source
            int d = RNG.nextInt(x.dim());
            long size = x.size(d);
            long[] pos = new long[RNG.nextInt(5)];
            long[] wrapped = new long[pos.length];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = RNG.nextLong(-size, size);
                wrapped[i] = pos[i] < 0 ? pos[i] + size : pos[i];
            }
            Object[] idx = new Object[d + 1];
            for (int i = 0; i < d; i++) idx[i] = Index.all();
            idx[d] = pos;
            Tensor viaGet = x.get(idx);
            Tensor viaSelect = x.indexSelect(d, Fixtures.L(wrapped));
            assertEquals(viaSelect.toString(), viaGet.toString(), "x" + x.shape() + " dim " + d);
            assertEquals(viaSelect.toString(), x.contiguous().get(idx).toString(), "contiguous copy");
        }
    }

    @Test
    void writtenValuesReadBack() {
        for (int round = 0; round < 200; round++) {
            long[] shape = randomShape();
            Tensor x = randomData(shape);
            boolean strided = RNG.nextBoolean() && x.dim() >= 2;
            Tensor target = strided ? x.transpose(0, x.dim() - 1) : x;
            int d = RNG.nextInt(target.dim());
            long size = target.size(d);
            // distinct positions, so that the written values are well defined
            long[] perm = shuffled(size);
            long[] pos = java.util.Arrays.copyOf(perm, 1 + RNG.nextInt((int) size));
            Object[] idx = new Object[d + 1];
            for (int i = 0; i < d; i++) idx[i] = Index.all();
            idx[d] = pos;
            Tensor before = x.clone();
            Tensor values = target.get(idx).mul(-1.0).sub(100.0);
            target.set(idx, values);
            assertEquals(values.toString(), target.get(idx).toString());
            // Everything else is untouched: restore the indexed part and compare with the original.
            target.set(idx, values.add(100.0).mul(-1.0));
            assertTrue(before.equal(x), "only the indexed elements change");
        }
    }

    private static long[] shuffled(long n) {
        long[] p = new long[(int) n];
        for (int i = 0; i < p.length; i++) p[i] = i;
        for (int i = p.length - 1; i > 0; i--) {
            int j = RNG.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

package dev.jtorch.simd.kernels;

import dev.jtorch.Fused;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fused optimizer updates, split across the kernel threads, give the same bits as on one thread. */
class FusedUpdateThreadsTest {
    @Test
    void adamAndAddScaledGiveTheSameBitsOnOneTwoAndThreeThreads() {
        int before = Torch.getNumThreads();
        try {
            Tensor[] one = step(1), two = step(2), three = step(3);
            String[] names = {"param", "exp_avg", "exp_avg_sq", "addScaled"};
            for (int i = 0; i < one.length; i++) {
                int k = i;
                assertTrue(one[i].equal(two[i]), () -> names[k] + " differs on 2 threads");
                assertTrue(one[i].equal(three[i]), () -> names[k] + " differs on 3 threads");
            }
        } finally {
            Torch.setNumThreads(before);
        }
    }

    /** One Adam step and one addScaled over 300,001 floats: several parts each, ranges ending mid-vector. */
    private static Tensor[] step(int threads) {
        Torch.setNumThreads(threads);
        Torch.manualSeed(11);
        long n = 300_001;
        Tensor p = Torch.randn(n), g = Torch.randn(n), m = Torch.randn(n), v = Torch.rand(n), q = p.clone();
        assertTrue(Fused.adamStep_(p, g, m, v, 0.9, 0.999, 0.01, Math.sqrt(1 - 0.999), 1e-8));
        assertTrue(Fused.addScaled_(q, g, -0.1));
        return new Tensor[]{p, m, v, q};
    }
}

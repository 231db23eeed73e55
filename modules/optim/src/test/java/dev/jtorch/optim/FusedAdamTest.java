package dev.jtorch.optim;

import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adam's fused step (contiguous float32 parameters) gives the same bits as its tensor-op sequence (taken for a
 * non-contiguous parameter), step after step, with and without weight decay, for Adam and AdamW.
 */
class FusedAdamTest {
    private static void run(boolean adamW, double weightDecay) {
        Generator gen = new Generator(7);
        Tensor init = Torch.randn(new long[]{37, 5}, dev.jtorch.DType.FLOAT32, gen);
        Tensor fused = init.clone().requiresGrad_();                             // contiguous: the fused kernel
        Tensor unfused = init.t().contiguous().t().detach().requiresGrad_();     // same values, column-major: tensor ops
        assertTrue(fused.isContiguous());
        assertFalse(unfused.isContiguous());
        Optimizer a = adamW ? new AdamW(List.of(fused), AdamW.options().lr(0.01).weightDecay(weightDecay))
                : new Adam(List.of(fused), Adam.options().lr(0.01).weightDecay(weightDecay));
        Optimizer b = adamW ? new AdamW(List.of(unfused), AdamW.options().lr(0.01).weightDecay(weightDecay))
                : new Adam(List.of(unfused), Adam.options().lr(0.01).weightDecay(weightDecay));
        for (int step = 0; step < 6; step++) {
            Tensor g = Torch.randn(new long[]{37, 5}, dev.jtorch.DType.FLOAT32, gen).mul(Math.pow(10, step - 3)); // gradients over several scales
            fused.setGrad(g.clone());
            unfused.setGrad(g.t().contiguous().t());
            a.step();
            b.step();
            assertArrayEquals(unfused.contiguous().toFloatArray(), fused.toFloatArray(), 0f, "step " + step);
        }
    }

    @Test
    void adamFusedEqualsUnfused() { run(false, 0); }

    @Test
    void adamWithWeightDecayFusedEqualsUnfused() { run(false, 0.1); }

    @Test
    void adamWFusedEqualsUnfused() { run(true, 0.01); }
}

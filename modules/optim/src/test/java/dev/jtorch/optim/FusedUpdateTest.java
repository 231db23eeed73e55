package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused updates (contiguous float32 parameters: Adam's step, SGD's {@code p += alpha * d}) give the same bits as
 * the tensor-op sequence they replace (taken for a non-contiguous parameter), step after step.
 */
class FusedUpdateTest {
    private static void run(Function<List<Tensor>, Optimizer> make) {
        Generator gen = new Generator(7);
        Tensor init = Torch.randn(new long[]{37, 5}, DType.FLOAT32, gen);
        Tensor fused = init.clone().requiresGrad_();                             // contiguous: the fused kernels
        Tensor unfused = init.t().contiguous().t().detach().requiresGrad_();     // same values, column-major: tensor ops
        assertTrue(fused.isContiguous());
        assertFalse(unfused.isContiguous());
        Optimizer a = make.apply(List.of(fused)), b = make.apply(List.of(unfused));
        for (int step = 0; step < 6; step++) {
            Tensor g = Torch.randn(new long[]{37, 5}, DType.FLOAT32, gen).mul(Math.pow(10, step - 3)); // several scales
            fused.setGrad(g.clone());
            unfused.setGrad(g.t().contiguous().t());
            a.step();
            b.step();
            assertArrayEquals(unfused.contiguous().toFloatArray(), fused.toFloatArray(), 0f, "step " + step);
        }
    }

    @Test
    void adam() { run(p -> new Adam(p, Adam.options().lr(0.01))); }

    @Test
    void adamWithWeightDecay() { run(p -> new Adam(p, Adam.options().lr(0.01).weightDecay(0.1))); }

    @Test
    void adamW() { run(p -> new AdamW(p, AdamW.options().lr(0.01).weightDecay(0.01))); }

    @Test
    void sgd() { run(p -> new SGD(p, 0.1)); }

    @Test
    void sgdWithMomentumDampeningAndWeightDecay() {
        run(p -> new SGD(p, SGD.options().lr(0.05).momentum(0.9).dampening(0.1).weightDecay(1e-3)));
    }

    @Test
    void sgdNesterov() { run(p -> new SGD(p, SGD.options().lr(0.05).momentum(0.9).nesterov(true))); }
}

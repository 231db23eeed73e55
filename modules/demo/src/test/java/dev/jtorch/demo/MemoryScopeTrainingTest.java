package dev.jtorch.demo;

import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Flatten;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MaxPool2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.nn.functional.F;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training steps inside {@link MemoryScope}s: the same numbers as without, parameters, gradients and optimizer
 * state alive afterwards, and after the first step every activation and backward buffer comes from the pool.
 */
class MemoryScopeTrainingTest {
    @AfterEach
    void emptyPool() { MemoryScope.emptyPool(); }

    private static Module cnn() {
        return new Sequential(new Conv2d(1, 8, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(8 * 13 * 13, 10));
    }

    private record Run(List<float[]> params, List<Double> losses) {}

    private static Run train(Function<List<Tensor>, Optimizer> optimizer, boolean scoped, int steps) {
        Torch.manualSeed(7);
        Module model = cnn();
        Optimizer opt = optimizer.apply(model.parameters());
        Tensor x = Torch.randn(16, 1, 28, 28), y = Torch.randint(0, 10, new long[]{16});
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            MemoryScope scope = scoped ? MemoryScope.open() : null;
            try {
                opt.zeroGrad();
                Tensor loss = F.crossEntropy(model.forward(x), y);
                loss.backward();
                opt.step();
                losses.add(loss.item());
            } finally {
                if (scope != null) scope.close();
            }
        }
        List<float[]> params = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            params.add(p.detach().toFloatArray());
            assertNotNull(p.grad(), "the last step's gradient outlives its scope");
            assertTrue(Double.isFinite(p.grad().norm().item()));
        }
        // optimizer state (momentum buffers, Adam's moments) outlives the scopes: one more step runs on it
        for (Tensor p : model.parameters()) p.grad().fill_(0.01);
        opt.step();
        return new Run(params, losses);
    }

    @Test
    void scopedTrainingGivesTheSameNumbers() {
        for (Function<List<Tensor>, Optimizer> make : List.<Function<List<Tensor>, Optimizer>>of(
                p -> new SGD(p, 0.05, 0.9), p -> new Adam(p, 1e-3))) {
            Run plain = train(make, false, 6), scoped = train(make, true, 6);
            assertEquals(plain.losses(), scoped.losses());
            for (int i = 0; i < plain.params().size(); i++) assertArrayEquals(plain.params().get(i), scoped.params().get(i));
            assertTrue(scoped.losses().getLast() < scoped.losses().getFirst(), "the loss goes down: " + scoped.losses());
        }
    }

    @Test
    void afterTheFirstStepOnlyGradientsNeedNewMemory() {
        Torch.manualSeed(7);
        Module model = cnn();
        Optimizer opt = new SGD(model.parameters(), 0.05, 0.9);
        Tensor x = Torch.randn(16, 1, 28, 28), y = Torch.randint(0, 10, new long[]{16});
        long paramBytes = 0;
        for (Tensor p : model.parameters()) paramBytes += 4 * p.numel();
        long fresh0 = 0, reused0 = 0;
        int steps = 10;
        for (int i = 0; i <= steps; i++) {
            if (i == 1) {
                fresh0 = MemoryScope.freshBytes();
                reused0 = MemoryScope.reusedBytes();
            }
            try (var scope = MemoryScope.open()) {
                opt.zeroGrad();
                F.crossEntropy(model.forward(x), y).backward();
                opt.step();
            }
        }
        long fresh = (MemoryScope.freshBytes() - fresh0) / steps, reused = (MemoryScope.reusedBytes() - reused0) / steps;
        // the gradients become .grad and leave the scope, so their sizes are allocated anew each step
        assertTrue(fresh <= paramBytes, "new memory per step " + fresh + " bytes, parameters " + paramBytes);
        assertTrue(reused > 20 * paramBytes, "pooled memory per step " + reused + " bytes");
    }
}

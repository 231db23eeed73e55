package dev.jtorch.demo;

import dev.jtorch.DType;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void afterTwoStepsAStepNeedsNoNewMemory() {
        Torch.manualSeed(7);
        Module model = cnn();
        Optimizer opt = new SGD(model.parameters(), 0.05, 0.9);
        Tensor x = Torch.randn(16, 1, 28, 28), y = Torch.randint(0, 10, new long[]{16});
        long paramBytes = 0;
        for (Tensor p : model.parameters()) paramBytes += 4 * p.numel();
        long fresh0 = 0, reused0 = 0;
        int steps = 10;
        // step 1 fills the pool with activations; its gradients escape as .grad, and step 2's zeroGrad hands them
        // back, so from step 3 on the gradients reuse them too
        for (int i = 0; i < steps + 2; i++) {
            if (i == 2) {
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
        assertEquals(0, fresh, "new memory per step, bytes");
        assertTrue(reused > 20 * paramBytes, "pooled memory per step " + reused + " bytes");
    }

    @Test
    void convertingAModuleInsideAScopeKeepsItsWeights() {
        Module model = new Linear(4, 3);
        try (var step = MemoryScope.open()) {
            model.to(DType.FLOAT64); // as model.to(device) inside a training loop's scope
        }
        Tensor w = model.parameters().get(0);
        assertEquals(DType.FLOAT64, w.dtype());
        assertTrue(Double.isFinite(model.forward(Torch.randn(2, 4).to(DType.FLOAT64)).sum().item()), "the weights outlive the scope");
        assertTrue(Double.isFinite(w.sum().item()));
    }

    @Test
    void anOldGradientHeldAcrossAScopedZeroGradStopsWorkingWithThatScope() {
        Tensor w = Torch.randn(64, 64).requiresGrad_(true);
        Optimizer opt = new SGD(List.of(w), 0.1);
        try (var step = MemoryScope.open()) {
            w.mul(w).sum().backward();
        }
        Tensor old = w.grad();
        assertEquals(w.detach().mul(2).sum().item(), old.sum().item(), 1e-3, "the gradient outlives its scope");
        try (var step = MemoryScope.open()) {
            opt.zeroGrad();
            assertTrue(Double.isFinite(old.sum().item()), "still readable inside the scope that dropped it");
        }
        assertThrows(IllegalStateException.class, old::sum);
        // without a scope, zeroGrad leaves the old gradient alone, as PyTorch
        w.mul(w).sum().backward();
        Tensor kept = w.grad();
        opt.zeroGrad();
        assertEquals(w.detach().mul(2).sum().item(), kept.sum().item(), 1e-3);
    }
}

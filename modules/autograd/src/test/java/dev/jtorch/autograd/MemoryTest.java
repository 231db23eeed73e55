package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saved tensors are freed by backward, so a training loop does not hold on to old graphs. */
class MemoryTest {

    /** Collects garbage until {@code cleared} holds (or gives up after a while). */
    private static boolean collectUntil(BooleanSupplier cleared) {
        for (int i = 0; i < 50 && !cleared.getAsBoolean(); i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return cleared.getAsBoolean();
    }

    /** An intermediate that only a node keeps (as a saved tensor), reachable from the returned loss. */
    private static Tensor lossKeepingASavedIntermediate(Tensor x, List<WeakReference<Tensor>> saved) {
        Tensor b = x.mul(2.0).exp(); // ExpBackward0 saves its output b
        saved.add(new WeakReference<>(b));
        return b.sum();
    }

    @Test
    void backwardFreesSavedTensorsEvenWhileTheGraphIsReachable() {
        Tensor x = Torch.ones(1000).requiresGrad_();
        List<WeakReference<Tensor>> saved = new ArrayList<>();
        Tensor loss = lossKeepingASavedIntermediate(x, saved);
        System.gc();
        assertTrue(saved.get(0).get() != null, "before backward the node keeps its saved tensor");
        loss.backward();
        assertTrue(collectUntil(() -> saved.get(0).get() == null), "after backward the saved tensor is free");
        assertTrue(loss.gradFn() != null);
    }

    @Test
    void retainGraphKeepsSavedTensors() {
        Tensor x = Torch.ones(10).requiresGrad_();
        List<WeakReference<Tensor>> saved = new ArrayList<>();
        Tensor loss = lossKeepingASavedIntermediate(x, saved);
        loss.backward(null, true);
        System.gc();
        assertTrue(saved.get(0).get() != null);
        loss.backward();
        assertTrue(collectUntil(() -> saved.get(0).get() == null));
    }

    /**
     * The seed tutorial's loop: forward, loss, zero the gradients, backward, and the manual update
     * {@code param.data -= learning_rate * param.grad.data}, on a least-squares fit of y = 2x - 1.
     */
    @Test
    void aTrainingLoopLearnsAndLeavesNoGraphsBehind() {
        Tensor xs = Torch.linspace(-1, 1, 32, DType.FLOAT32).unsqueeze(1);
        Tensor ys = xs.mul(2.0).sub(1.0);
        Tensor w = Torch.zeros(1, 1).requiresGrad_();
        Tensor b = Torch.zeros(1).requiresGrad_();
        List<WeakReference<Tensor>> saved = new ArrayList<>();
        List<Tensor> losses = new ArrayList<>(); // kept, with their graphs, as a user logging them would
        double first = 0, last = 0;
        for (int step = 0; step < 300; step++) {
            Tensor pred = xs.matmul(w).add(b);
            Tensor error = pred.sub(ys); // saved by pow's node
            saved.add(new WeakReference<>(error));
            Tensor loss = error.pow(2).mean();
            losses.add(loss);
            if (step == 0) first = loss.item();
            last = loss.item();
            if (w.grad() != null) {
                w.grad().zero_();
                b.grad().zero_();
            }
            loss.backward();
            for (Tensor p : List.of(w, b)) p.data().sub_(p.grad().data().mul(0.5));
        }
        assertTrue(last < first * 1e-4, "loss " + first + " -> " + last);
        assertEquals(2.0, w.item(), 1e-3);
        assertEquals(-1.0, b.item(), 1e-3);
        assertEquals(0, w.version(), "updates through .data are not tracked");
        assertTrue(collectUntil(() -> saved.stream().allMatch(r -> r.get() == null)),
                "backward freed every iteration's saved tensors, though the losses and their graphs are still reachable");
        assertEquals(300, losses.size());
    }
}

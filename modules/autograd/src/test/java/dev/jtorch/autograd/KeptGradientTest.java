package dev.jtorch.autograd;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * A leaf's accumulator keeps an incoming gradient as {@code .grad} without copying it only when nothing else can see
 * that memory. These cases share it with someone else; writing into {@code .grad} must not reach them.
 */
class KeptGradientTest {
    private static Tensor leaf(double... v) { return Torch.tensor(v).requiresGrad_(); }

    @Test
    void theCallersSeedIsCopied() {
        Tensor w = leaf(1, 2, 3);
        Tensor seed = Torch.tensor(new double[]{1, 1, 1});
        w.view(3).backward(seed); // ViewBackward passes a view of the seed through
        w.grad().add_(5);
        assertArrayEquals(new double[]{1, 1, 1}, seed.toDoubleArray(), 0);
    }

    @Test
    void aGradientTwoLeavesReceiveIsNotShared() {
        Tensor a = leaf(1, 2), b = leaf(3, 4);
        a.add(b).mul(2).sum().backward(); // AddBackward hands one tensor to both leaves
        a.grad().add_(100);
        assertArrayEquals(new double[]{2, 2}, b.grad().toDoubleArray(), 0);
        assertNotSame(a.grad().untypedStorage(), b.grad().untypedStorage());
    }

    @Test
    void aGradientAHookSawIsCopied() {
        Tensor w = leaf(1, 2);
        List<Tensor> seen = new ArrayList<>();
        w.registerHook(g -> { seen.add(g); return null; });
        w.mul(3).sum().backward();
        w.grad().add_(1);
        assertArrayEquals(new double[]{3, 3}, seen.get(0).toDoubleArray(), 0);
    }

    @Test
    void aRetainedGradientIsNotTheLeafsGradient() {
        Tensor w = leaf(1, 2);
        Tensor h = w.mul(3);
        h.retainGrad();
        h.view(2).mul(2).sum().backward();
        w.grad().add_(1);
        assertArrayEquals(new double[]{2, 2}, h.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[]{7, 7}, w.grad().toDoubleArray(), 0);
    }

    @Test
    void keptGradientsStillAccumulateAcrossBackwards() {
        Tensor w = leaf(1, 2);
        w.mul(3).sum().backward();
        w.mul(4).sum().backward();
        assertArrayEquals(new double[]{7, 7}, w.grad().toDoubleArray(), 0);
    }
}

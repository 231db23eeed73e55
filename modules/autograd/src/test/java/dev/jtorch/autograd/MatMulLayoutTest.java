package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Matrix-product gradients are made in each operand's layout (PyTorch's mm backward): they must stay
 * correct for transposed operands, and the gradient of a weight used as {@code W.t()} lands contiguous.
 */
class MatMulLayoutTest {

    private static Tensor leaf(long... shape) {
        return Torch.randn(shape, DType.FLOAT64).requiresGrad_();
    }

    @Test
    void gradientsOfTransposedOperandsPassGradcheck() {
        Torch.manualSeed(3);
        Tensor a = leaf(3, 4), b = leaf(5, 3), c = leaf(2, 6, 4), d = leaf(2, 5, 6);
        assertTrue(GradCheck.gradcheck(t -> t[0].t().matmul(t[1].t()), a, b), "both transposed");
        assertTrue(GradCheck.gradcheck(t -> t[0].t().matmul(t[1]), a, leaf(3, 2)), "first transposed");
        assertTrue(GradCheck.gradcheck(t -> t[0].mT().bmm(t[1].mT()), c, d), "batched, both transposed");
        assertTrue(GradCheck.gradgradcheck(t -> t[0].t().matmul(t[1].t()), a, b), "second order");
    }

    @Test
    void weightGradientOfALinearLayerIsContiguous() {
        Torch.manualSeed(4);
        Tensor w = Torch.randn(new long[]{8, 16}, DType.FLOAT32).requiresGrad_();
        Tensor x = Torch.randn(4, 16);
        x.matmul(w.t()).sum().backward();
        assertTrue(w.grad().isContiguous());
        assertTrue(w.grad().allclose(Torch.onesLike(Torch.zeros(4, 8)).t().matmul(x), 1e-5, 1e-6));
    }
}

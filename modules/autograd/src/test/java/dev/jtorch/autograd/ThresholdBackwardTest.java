package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Torch.thresholdBackward} (aten's threshold_backward, ReLU's gradient) against PyTorch 1.13's outputs (values
 * in the comments were printed by it), and its own gradients.
 */
class ThresholdBackwardTest {
    @Test
    void valuesAsPyTorch() {
        // torch.ops.aten.threshold_backward(tensor([2., 3., 4., 5.]), tensor([nan, 1., -1., 0.5]), 0.5) -> [2., 3., 0., 0.]
        Tensor r = Torch.thresholdBackward(Torch.tensor(2f, 3f, 4f, 5f), Torch.tensor(Float.NaN, 1f, -1f, 0.5f), 0.5);
        assertArrayEquals(new float[]{2, 3, 0, 0}, r.toFloatArray());
        // broadcast and promoted: float32 grad [2, 3] against float64 self [3] -> float64 [[0, 0, 3], [0, 0, -6]]
        Tensor g = Torch.tensor(1.5f, -2f, 3f, 4f, 5f, -6f).view(2, 3);
        Tensor s = Torch.tensor(0.25, -0.5, Double.POSITIVE_INFINITY).to(DType.FLOAT64);
        Tensor b = Torch.thresholdBackward(g, s, 0.25);
        assertEquals(DType.FLOAT64, b.dtype());
        assertArrayEquals(new long[]{2, 3}, b.size().toArray());
        assertArrayEquals(new double[]{0, 0, 3, 0, 0, -6}, b.toDoubleArray());
    }

    @Test
    void reluLetsTheGradientThroughNaNAsPyTorch() {
        // x = tensor([nan, 1., -1., 0.], requires_grad=True); relu(x).sum().backward(); x.grad -> [1., 1., 0., 0.]
        Tensor x = Torch.tensor(Float.NaN, 1f, -1f, 0f).requiresGrad_();
        x.relu().sum().backward();
        assertArrayEquals(new float[]{1, 1, 0, 0}, x.grad().toFloatArray());
    }

    @Test
    void gradients() {
        Torch.manualSeed(11);
        Tensor self = Torch.randn(new long[]{3, 4}, DType.FLOAT64);
        Tensor grad = Torch.randn(new long[]{3, 4}, DType.FLOAT64).requiresGrad_();
        assertTrue(GradCheck.gradcheck(t -> Torch.thresholdBackward(t[0], self, 0.3), grad));
        assertEquals("ThresholdBackwardBackward0", Torch.thresholdBackward(grad, self, 0).gradFn().name());
        // relu's second order goes through ThresholdBackward's own formula
        Tensor x = Torch.randn(new long[]{5, 3}, DType.FLOAT64).requiresGrad_();
        assertTrue(GradCheck.gradgradcheck(t -> t[0].relu().pow(2.0), x));
    }
}

package dev.jtorch.autograd;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The autograd examples of the seed tutorials, in Java. Every expected string was printed by
 * PyTorch 1.13 (/usr/bin/python3) running the Python snippet quoted above each test.
 */
class SeedExamplesTest {

    /*
     * x1 = torch.tensor(1.0, requires_grad=True); x2 = torch.tensor(2.0, requires_grad=True)
     * y = x1 + 2 * x2; print(y); print(x1.requires_grad, x2.requires_grad, y.requires_grad); print(x1.grad)
     * y.backward(); print(x1.grad.data); print(x2.grad.data)
     * y = x1 + 2 * x2; y.backward(); print(x1.grad.data); print(x2.grad.data)
     */
    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x1 = Torch.tensor(1.0).requiresGrad_();
        Tensor x2 = Torch.tensor(2.0).requiresGrad_();
        Tensor y = x1.add(x2.mul(2));
        assertEquals("tensor(5., grad_fn=<AddBackward0>)", y.toString());
        assertTrue(x1.requiresGrad() && x2.requiresGrad() && y.requiresGrad());
        assertNull(x1.grad());
        y.backward();
        assertEquals("tensor(1.)", x1.grad().data().toString());
        assertEquals("tensor(2.)", x2.grad().data().toString());
        y = x1.add(x2.mul(2));
        y.backward();
        assertEquals("tensor(2.)", x1.grad().data().toString());
        assertEquals("tensor(4.)", x2.grad().data().toString());
    }

    /* a1 = torch.tensor(1.0); a2 = torch.tensor(2.0); y = a1 + 2 * a2; y.backward() */
    @Test
    void backwardWithoutAnyTensorRequiringGradFails() {
        Tensor y = Torch.tensor(1.0).add(Torch.tensor(2.0).mul(2));
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
    }

    /*
     * tensor = torch.FloatTensor([[1, 2], [3, 4]]); variable = tensor.clone().requires_grad_(True)
     * print(variable); v_out = torch.mean(variable*variable); print(v_out); v_out.backward()
     * print(variable.grad); print(variable.data)
     */
    @Test
    void meanOfSquaresGivesHalfTheInput() {
        Tensor variable = Torch.tensor(new float[][]{{1, 2}, {3, 4}}).requiresGrad_();
        assertEquals("tensor([[1., 2.],\n        [3., 4.]], requires_grad=True)", variable.toString());
        Tensor vOut = Torch.mean(variable.mul(variable));
        assertEquals("tensor(7.5000, grad_fn=<MeanBackward0>)", vOut.toString());
        vOut.backward();
        assertEquals("tensor([[0.5000, 1.0000],\n        [1.5000, 2.0000]])", variable.grad().toString());
        assertEquals("tensor([[1., 2.],\n        [3., 4.]])", variable.data().toString());
    }

    /*
     * x = torch.tensor([1., 2., 3], requires_grad=True); y = torch.tensor([4., 5., 6], requires_grad=True)
     * z = x + y; print(z.data); print(z.grad_fn); s = z.sum(); print(s); s.backward(); print(x.grad)
     */
    @Test
    void sumOfASumHasOnesAsGradient() {
        Tensor x = Torch.tensor(1., 2., 3).requiresGrad_();
        Tensor y = Torch.tensor(4., 5., 6).requiresGrad_();
        Tensor z = x.add(y);
        assertEquals("tensor([5., 7., 9.])", z.data().toString());
        assertEquals("AddBackward0", z.gradFn().name());
        assertTrue(z.gradFn().toString().startsWith("<AddBackward0 object at 0x"));
        Tensor s = z.sum();
        assertEquals("tensor(21., grad_fn=<SumBackward0>)", s.toString());
        s.backward();
        assertEquals("tensor([1., 1., 1.])", x.grad().toString());
    }

    /*
     * x = torch.tensor([[0.1, 0.9, 0.5], [0.3, 0.7, 0.2]], requires_grad=True)
     * y = torch.tensor([[0.4, 0.6, 0.8], [0.5, 0.25, 1.0]], requires_grad=True)
     * z = x**2 + y**3; print(z); z.backward(torch.ones_like(x)); print(x.grad); print(y.grad)
     * with torch.no_grad(): print((x + y*2).requires_grad)
     */
    @Test
    void nonScalarBackwardWithOnesLike() {
        Tensor x = Torch.tensor(new double[][]{{0.1, 0.9, 0.5}, {0.3, 0.7, 0.2}}).requiresGrad_();
        Tensor y = Torch.tensor(new double[][]{{0.4, 0.6, 0.8}, {0.5, 0.25, 1.0}}).requiresGrad_();
        Tensor z = x.pow(2).add(y.pow(3));
        assertEquals("tensor([[0.0740, 1.0260, 0.7620],\n        [0.2150, 0.5056, 1.0400]], grad_fn=<AddBackward0>)",
                z.toString());
        z.backward(Torch.onesLike(x));
        assertEquals("tensor([[0.2000, 1.8000, 1.0000],\n        [0.6000, 1.4000, 0.4000]])", x.grad().toString());
        assertEquals("tensor([[0.4800, 1.0800, 1.9200],\n        [0.7500, 0.1875, 3.0000]])", y.grad().toString());
        try (var _ = GradMode.noGrad()) {
            assertFalse(x.add(y.mul(2)).requiresGrad());
        }
        assertTrue(x.add(y.mul(2)).requiresGrad());
    }

    /*
     * x = torch.tensor([[0.7966, 0.6401], [0.8881, 0.4756]], requires_grad=True)
     * y = torch.tensor([[0.7349, 0.7580], [0.8113, 0.3937]], requires_grad=True)
     * z = torch.sum(x + y); print(z); z.backward(); print(x.grad, y.grad)
     */
    @Test
    void sumOfTwoMatrices() {
        Tensor x = Torch.tensor(new double[][]{{0.7966, 0.6401}, {0.8881, 0.4756}}).requiresGrad_();
        Tensor y = Torch.tensor(new double[][]{{0.7349, 0.7580}, {0.8113, 0.3937}}).requiresGrad_();
        Tensor z = Torch.sum(x.add(y));
        assertEquals("tensor(5.4983, grad_fn=<SumBackward0>)", z.toString());
        z.backward();
        assertEquals("tensor([[1., 1.],\n        [1., 1.]])", x.grad().toString());
        assertEquals("tensor([[1., 1.],\n        [1., 1.]])", y.grad().toString());
    }

    /* x = torch.tensor([1., 2.], requires_grad=True); out = torch.mean((x+1)**2); print(out); out.backward(); print(x.grad) */
    @Test
    void meanOfSquaredShift() {
        Tensor x = Torch.tensor(1., 2.).requiresGrad_();
        Tensor out = Torch.mean(x.add(1).pow(2));
        assertEquals("tensor(6.5000, grad_fn=<MeanBackward0>)", out.toString());
        out.backward();
        assertEquals("tensor([2., 3.])", x.grad().toString());
    }
}

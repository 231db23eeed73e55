package dev.jtorch.autograd;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four {@code detach()} examples of the seed tutorial (torch.detach section), with the output
 * PyTorch 1.13 printed for them (/usr/bin/python3). The tutorial's fourth snippet repeats the third
 * by mistake; its printed output shows the intended code, {@code c.zero_()} then
 * {@code out.sum().backward()}, which is what runs here.
 */
class DetachExamplesTest {
    private static final String SIGMOID_OUT = "tensor([0.7311, 0.8808, 0.9526], grad_fn=<SigmoidBackward0>)";
    private static final String DETACHED = "tensor([0.7311, 0.8808, 0.9526])";

    /* a = torch.tensor([1., 2., 3.], requires_grad=True); print(a.grad); out = a.sigmoid(); print(out); c = out.detach(); print(c) */
    @Test
    void detachGivesATensorWithoutHistory() {
        Tensor a = Torch.tensor(1., 2., 3.).requiresGrad_();
        assertNull(a.grad());
        Tensor out = a.sigmoid();
        assertEquals(SIGMOID_OUT, out.toString());
        Tensor c = out.detach();
        assertEquals(DETACHED, c.toString());
        assertFalse(c.requiresGrad());
    }

    /* ... c = out; print(c); c.sum().backward(); print(a.grad) */
    @Test
    void backwardThroughTheUndetachedTensor() {
        Tensor a = Torch.tensor(1., 2., 3.).requiresGrad_();
        assertNull(a.grad());
        Tensor out = a.sigmoid();
        assertEquals(SIGMOID_OUT, out.toString());
        Tensor c = out;
        assertEquals(SIGMOID_OUT, c.toString());
        c.sum().backward();
        assertEquals("tensor([0.1966, 0.1050, 0.0452])", a.grad().toString());
    }

    /* ... c = out.detach(); print(c); c.sum().backward()  -> RuntimeError; print(a.grad) -> None */
    @Test
    void backwardFromTheDetachedTensorFails() {
        Tensor a = Torch.tensor(1., 2., 3.).requiresGrad_();
        Tensor out = a.sigmoid();
        assertEquals(SIGMOID_OUT, out.toString());
        Tensor c = out.detach();
        assertEquals(DETACHED, c.toString());
        var e = assertThrows(IllegalStateException.class, () -> c.sum().backward());
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
        assertNull(a.grad());
    }

    /* ... c = out.detach(); print(c); c.zero_(); print(c); print(out); out.sum().backward() -> RuntimeError */
    @Test
    void modifyingTheDetachedTensorBreaksTheOriginalsBackward() {
        Tensor a = Torch.tensor(1., 2., 3.).requiresGrad_();
        assertNull(a.grad());
        Tensor out = a.sigmoid();
        assertEquals(SIGMOID_OUT, out.toString());
        Tensor c = out.detach();
        assertEquals(DETACHED, c.toString());
        c.zero_();
        assertEquals("tensor([0., 0., 0.])", c.toString());
        assertEquals("tensor([0., 0., 0.], grad_fn=<SigmoidBackward0>)", out.toString());
        var e = assertThrows(IllegalStateException.class, () -> out.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [3]], which is output 0 of SigmoidBackward0, is at version 1; expected version 0 "
                + "instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with "
                + "torch.autograd.set_detect_anomaly(True).", e.getMessage());
    }

    /* a = torch.tensor([1., 2., 3.], requires_grad=True); out = a.sigmoid(); out.detach_(); print(out, out.requires_grad, out.is_leaf) */
    @Test
    void detachInPlaceMakesALeaf() {
        Tensor a = Torch.tensor(1., 2., 3.).requiresGrad_();
        Tensor out = a.sigmoid();
        out.detach_();
        assertEquals(DETACHED, out.toString());
        assertFalse(out.requiresGrad());
        assertTrue(out.isLeaf());
    }
}

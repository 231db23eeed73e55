package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** In-place layout ops (t_, unsqueeze_, squeeze_) keep the graph, and factories take requires_grad. */
class InPlaceLayoutTest {

    /*
     * w = torch.tensor([[1.,2.,3.],[4.,5.,6.]], requires_grad=True); print(w)
     * y = w * 2; y.t_(); (y * torch.tensor([[1.,2.],[3.,4.],[5.,6.]])).sum().backward(); print(w.grad)
     * z = (w*1).unsqueeze_(0); z.squeeze_(0).sum().backward(); print(w.grad)
     * w.t_()   # RuntimeError
     * (outputs from PyTorch 1.13)
     */
    @Test
    void layoutOpsInPlaceRecordHistory() {
        Tensor w = Torch.tensor(new double[][]{{1, 2, 3}, {4, 5, 6}}, DType.FLOAT32, true);
        assertEquals("tensor([[1., 2., 3.],\n        [4., 5., 6.]], requires_grad=True)", w.toString());
        Tensor y = w.mul(2);
        y.t_();
        assertArrayEquals(new long[]{3, 2}, y.shape().toArray());
        assertNotNull(y.gradFn());
        y.mul(Torch.tensor(new double[][]{{1, 2}, {3, 4}, {5, 6}})).sum().backward();
        assertEquals("tensor([[ 2.,  6., 10.],\n        [ 4.,  8., 12.]])", w.grad().toString());
        Tensor z = w.mul(1).unsqueeze_(0);
        assertArrayEquals(new long[]{1, 2, 3}, z.shape().toArray());
        z.squeeze_(0).sum().backward();
        assertEquals("tensor([[ 3.,  7., 11.],\n        [ 5.,  9., 13.]])", w.grad().toString());
        var e = assertThrows(IllegalStateException.class, w::t_);
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        assertArrayEquals(new long[]{2, 3}, w.shape().toArray(), "a refused t_ leaves the layout alone");
    }

    @Test
    void factoriesTakeRequiresGrad() {
        assertEquals("tensor([[1., 1.]], requires_grad=True)", Torch.ones(new long[]{1, 2}, DType.FLOAT32, true).toString());
        assertEquals("tensor([0., 0.], dtype=torch.float64, requires_grad=True)",
                Torch.zeros(new long[]{2}, DType.FLOAT64, true).toString());
        assertEquals(true, Torch.randn(new long[]{2}, DType.FLOAT32, true).isLeaf());
    }
}

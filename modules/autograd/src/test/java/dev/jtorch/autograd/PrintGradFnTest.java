package dev.jtorch.autograd;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code grad_fn=} cases of the print fixture (tools/golden/gen_print_fixtures.py, PyTorch 1.13). */
class PrintGradFnTest {

    /* x = torch.tensor([1., 2.5, -3.], requires_grad=True); print(x + x) */
    @Test
    void addShowsItsNode() {
        Tensor x = Torch.tensor(new float[]{1f, 2.5f, -3f}).requiresGrad_();
        assertEquals("tensor([ 2.,  5., -6.], grad_fn=<AddBackward0>)", x.add(x).toString());
    }

    /* x = torch.tensor([[1., 2.], [3., 4.5]], requires_grad=True); print(x.sum()) */
    @Test
    void sumShowsItsNode() {
        Tensor x = Torch.tensor(new float[][]{{1f, 2f}, {3f, 4.5f}}).requiresGrad_();
        assertEquals("tensor(10.5000, grad_fn=<SumBackward0>)", x.sum().toString());
    }
}

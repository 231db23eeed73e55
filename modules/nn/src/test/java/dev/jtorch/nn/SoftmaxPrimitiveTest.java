package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The softmax primitive at the API: shapes, dtypes and errors as PyTorch 1.13, and F's forms taking it. */
class SoftmaxPrimitiveTest {
    @Test
    void scalarsEmptyAndHalfTypes() {
        assertEquals(1.0, Torch.scalar(3.0).softmax(0).item(), 0);
        assertEquals(0.0, Torch.scalar(3.0).logSoftmax(-1).item(), 0);
        assertArrayEquals(new long[]{0, 3}, Torch.zeros(0, 3).softmax(1).size().toArray());
        Tensor x = Torch.randn(4, 5);
        Tensor half = x.to(DType.BFLOAT16).softmax(1);
        assertEquals(DType.BFLOAT16, half.dtype());
        assertTrue(half.to(DType.FLOAT32).allclose(x.to(DType.BFLOAT16).to(DType.FLOAT32).softmax(1), 1e-2, 1e-3));
        assertTrue(x.logSoftmax(0).exp().sum(0).allclose(Torch.ones(5), 1e-6, 1e-6));
    }

    @Test
    void stridedViewsGiveTheValuesOfTheirContiguousCopies() {
        Torch.manualSeed(7);
        for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = Torch.randn(6, 9, 5).to(t);
            Tensor[] views = {x.transpose(0, 1), x.permute(2, 0, 1), x.narrow(1, 2, 4), x.slice(2, 0L, 5L, 2),
                    x.transpose(1, 2).narrow(0, 1, 3)};
            for (Tensor view : views) {
                assertTrue(!view.isContiguous(), "the case must be a non-contiguous view");
                Tensor copy = view.contiguous();
                for (int dim = 0; dim < 3; dim++) {
                    String what = " dim " + dim + " of " + view.size() + " " + t;
                    assertTrue(view.softmax(dim).equal(copy.softmax(dim)), "softmax" + what);
                    assertTrue(view.logSoftmax(dim).equal(copy.logSoftmax(dim)), "logSoftmax" + what);
                }
            }
        }
    }

    @Test
    void errorsAsPyTorch() {
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(1L, 2L).softmax(0));
        assertEquals("\"softmax_lastdim_kernel_impl\" not implemented for 'Long'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(1L, 2L).logSoftmax(0));
        assertEquals("\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'", e.getMessage());
        var d = assertThrows(IndexOutOfBoundsException.class, () -> Torch.randn(2, 3).softmax(2));
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got 2)", d.getMessage());
    }

    @Test
    void functionalFormsTakeThePrimitive() {
        Tensor x = Torch.randn(3, 4).requiresGrad_();
        assertEquals("SoftmaxBackward0", F.softmax(x, 1).gradFn().name());
        assertEquals("LogSoftmaxBackward0", F.logSoftmax(x, -1).gradFn().name());
        // +inf in a row: NaN across it, as torch.softmax (the former composite left 0 beside the NaN)
        Tensor y = F.softmax(Torch.tensor(new float[][]{{Float.POSITIVE_INFINITY, 1, 2}}), 1);
        for (float v : y.toFloatArray()) assertTrue(Float.isNaN(v));
    }
}

package dev.jtorch.simd.indexing;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jtorch.simd.indexing.Fixtures.L;
import static dev.jtorch.simd.indexing.Fixtures.S;
import static dev.jtorch.simd.indexing.Fixtures.assertFails;
import static dev.jtorch.simd.indexing.Fixtures.y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * requires_grad of indexing, joining and sorting results, and in-place writes to a leaf that requires
 * grad, as in PyTorch 1.13 (the backward formulas themselves belong to the autograd module).
 */
class IndexingAutogradFlagsTest {

    @Test
    void resultsOfAFloatInputThatRequiresGradRequireGrad() {
        Tensor y = y().requiresGrad_();
        assertTrue(y.get("0").requiresGrad());
        assertTrue(y.get("[0]").requiresGrad());
        assertTrue(y.get(y.gt(5.0)).requiresGrad());
        assertTrue(y.gather(1, L(0, 1, 2).view(3, 1)).requiresGrad());
        assertTrue(y.indexSelect(0, L(0)).requiresGrad());
        assertTrue(Torch.cat(List.of(y, Torch.zeros(1, 4))).requiresGrad());
        assertTrue(Torch.einsum("ij->j", y).requiresGrad());
        assertTrue(y.maskedFill(y.gt(3.0), 0.0).requiresGrad());
        assertTrue(y.flip(0).requiresGrad());
        assertTrue(y.tril().requiresGrad());
        assertTrue(y.repeat(2, 1).requiresGrad());
        assertTrue(y.topk(2).values().requiresGrad());
        assertTrue(y.sort().values().requiresGrad());
        assertFalse(y.sort().indices().requiresGrad());
        assertFalse(y.nonzero().requiresGrad());
    }

    @Test
    void inPlaceWritesToALeafThatRequiresGradAreRefused() {
        String msg = "a leaf Variable that requires grad is being used in an in-place operation.";
        Tensor z = Torch.zeros(3, 4).requiresGrad_();
        assertFails(IllegalStateException.class, "a view of " + msg, () -> z.set("0", 1.0));
        assertFails(IllegalStateException.class, msg, () -> z.set("[0]", 1.0));
        assertFails(IllegalStateException.class, msg, () -> z.scatter_(0, L(0).view(1, 1), 1.0));
        assertFails(IllegalStateException.class, msg, () -> z.maskedFill_(z.gt(3.0), 0.0));
        assertFails(IllegalStateException.class, msg, () -> z.indexPut_(new Tensor[]{L(0)}, S(1.0), false));
        assertEquals(0, z.version());
        assertEquals(Torch.zeros(3, 4).toString(), z.detach().toString());
    }

    @Test
    void noGradAllowsTheWrite() {
        Tensor z = Torch.zeros(3, 4).requiresGrad_();
        try (var g = GradMode.noGrad()) {
            z.set("[0]", 5.0);
        }
        assertEquals(1, z.version());
        assertEquals("tensor([5., 5., 5., 5.])", z.detach().get("0").toString());
    }
}

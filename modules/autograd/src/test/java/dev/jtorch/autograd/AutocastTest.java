package dev.jtorch.autograd;

import dev.jtorch.Autocast;
import dev.jtorch.AutocastOp;
import dev.jtorch.CastPolicy;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Autocast's scope semantics (PyTorch's torch.autocast): nesting, per-thread state, the weight-cast cache, gradients. */
class AutocastTest {
    private static final Device.Type CPU = Device.Type.CPU;

    @AfterEach
    void noScopeLeaks() {
        assertFalse(Autocast.isEnabled(CPU), "a test left autocast on");
        assertEquals(0, Autocast.nesting());
    }

    private static Tensor m(int rows, int cols) { return Torch.randn(rows, cols); }

    @Test
    void defaultsAreThoseOfPyTorch() {
        assertFalse(Autocast.isEnabled(CPU));
        assertFalse(Autocast.isEnabled(Device.Type.CUDA));
        assertEquals(DType.BFLOAT16, Autocast.getAutocastDtype(CPU));
        assertEquals(DType.FLOAT16, Autocast.getAutocastDtype(Device.Type.CUDA));
        assertTrue(Autocast.isCacheEnabled());
        assertEquals(DType.FLOAT32, m(2, 3).mm(m(3, 2)).dtype(), "no autocast outside a scope");
    }

    @Test
    void scopeTurnsAutocastOnAndCloseRestores() {
        try (var ac = Torch.autocast(CPU, DType.BFLOAT16)) {
            assertTrue(Autocast.isEnabled(CPU));
            assertEquals(1, Autocast.nesting());
            assertEquals(DType.BFLOAT16, m(2, 3).mm(m(3, 2)).dtype());
            ac.close();
            ac.close(); // a second close changes nothing
            assertFalse(Autocast.isEnabled(CPU));
            assertEquals(DType.FLOAT32, m(2, 3).mm(m(3, 2)).dtype());
        }
    }

    @Test
    void nestedDisabledScopeRunsInFloat32AndTheOuterScopeResumes() {
        try (var outer = Torch.autocast(CPU, DType.BFLOAT16)) {
            try (var inner = Torch.autocast(CPU, DType.BFLOAT16, false, true)) {
                assertFalse(Autocast.isEnabled(CPU));
                assertEquals(2, Autocast.nesting());
                assertEquals(DType.FLOAT32, m(2, 3).mm(m(3, 2)).dtype());
            }
            assertTrue(Autocast.isEnabled(CPU));
            assertEquals(DType.BFLOAT16, m(2, 3).matmul(m(3, 2)).dtype());
        }
    }

    @Test
    void stateIsPerThread() throws Exception {
        try (var ac = Torch.autocast(CPU)) {
            var other = CompletableFuture.supplyAsync(() -> List.of(Autocast.isEnabled(CPU), m(2, 3).mm(m(3, 2)).dtype()))
                    .get();
            assertEquals(List.of(false, DType.FLOAT32), other);
            assertEquals(DType.BFLOAT16, m(2, 3).mm(m(3, 2)).dtype());
        }
    }

    @Test
    void autocastOnCudaLeavesCpuTensorsAlone() {
        try (var ac = Torch.autocast(Device.Type.CUDA)) {
            assertTrue(Autocast.isEnabled(Device.Type.CUDA));
            assertFalse(Autocast.isEnabled(CPU));
            assertEquals(DType.FLOAT32, m(2, 3).mm(m(3, 2)).dtype());
        }
        assertFalse(Autocast.isEnabled(Device.Type.CUDA));
    }

    @Test
    void unsupportedDtypesAreRefusedWithPyTorchsWords() {
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.autocast(CPU, DType.FLOAT16));
        assertTrue(e.getMessage().startsWith("In CPU autocast, but the target dtype is not supported."), e.getMessage());
        assertTrue(e.getMessage().contains("CPU Autocast only supports dtype of torch.bfloat16 currently"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.autocast(Device.Type.CUDA, DType.FLOAT32));
        assertTrue(e.getMessage().startsWith("In CUDA autocast, but the target dtype is not supported."), e.getMessage());
        assertFalse(Autocast.isEnabled(CPU));
    }

    @Test
    void float64InputsAreNotCast() {
        try (var ac = Torch.autocast(CPU)) {
            Tensor a = m(2, 3).to(DType.FLOAT64), b = m(3, 2).to(DType.FLOAT64);
            assertEquals(DType.FLOAT64, a.mm(b).dtype());
        }
    }

    @Test
    void gradientsOfFloat32LeavesComeBackFloat32() {
        Tensor x = Torch.tensor(new float[][]{{1, 2}, {3, 4}}).requiresGrad_();
        Tensor w = Torch.tensor(new float[][]{{0.5f, -1}, {2, 0.25f}}).requiresGrad_();
        Tensor y;
        try (var ac = Torch.autocast(CPU)) {
            y = x.mm(w);
        }
        assertEquals(DType.BFLOAT16, y.dtype());
        assertEquals("MmBackward0", y.gradFn().name());
        y.sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertEquals(DType.FLOAT32, w.grad().dtype());
        // d(sum(x@w))/dx = 1·wᵀ, d/dw = xᵀ·1: small integers and halves, exact in bfloat16
        assertEquals(List.of(-0.5f, 2.25f, -0.5f, 2.25f), floats(x.grad()));
        assertEquals(List.of(4f, 4f, 6f, 6f), floats(w.grad()));
    }

    @Test
    void backwardInsideTheScopeAlsoWorks() {
        Tensor w = m(3, 3).requiresGrad_();
        try (var ac = Torch.autocast(CPU)) {
            Tensor loss = m(4, 3).mm(w).pow(2).sum();
            loss.backward();
        }
        assertEquals(DType.FLOAT32, w.grad().dtype());
    }

    private static List<Float> floats(Tensor t) {
        float[] a = t.toFloatArray();
        Float[] boxed = new Float[a.length];
        for (int i = 0; i < a.length; i++) boxed[i] = a[i];
        return List.of(boxed);
    }

    /** The cast node of a weight's use: input {@code i} of the op that made {@code out}. */
    private static Node castOf(Tensor out, int i) {
        return ((Node) out.gradFn()).nextFunctions().get(i).node();
    }

    @Test
    void weightCastsAreCachedWithinTheOutermostScope() {
        Tensor w = m(3, 3).requiresGrad_();
        Node first, second, afterNestedScope;
        try (var ac = Torch.autocast(CPU)) {
            first = castOf(m(2, 3).mm(w), 1);
            second = castOf(m(2, 3).mm(w), 1);
            try (var inner = Torch.autocast(CPU)) {
                afterNestedScope = castOf(m(2, 3).mm(w), 1);
            }
            assertSame(afterNestedScope, castOf(m(2, 3).mm(w), 1), "closing a nested scope keeps the cache");
        }
        assertEquals("ToCopyBackward0", first.name());
        assertSame(first, second, "one cast of the parameter per scope");
        assertSame(first, afterNestedScope);
        try (var ac = Torch.autocast(CPU)) {
            assertNotSame(first, castOf(m(2, 3).mm(w), 1), "the outermost scope's close drops the cache");
        }
    }

    @Test
    void onlyFloat32LeavesThatRequireGradAreCached() {
        Tensor w = m(3, 3).requiresGrad_();
        Tensor nonLeaf = w.mul(2);
        try (var ac = Torch.autocast(CPU)) {
            assertNotSame(castOf(m(2, 3).mm(nonLeaf), 1), castOf(m(2, 3).mm(nonLeaf), 1));
        }
        try (var ac = Torch.autocast(CPU, DType.BFLOAT16, true, false)) {
            assertFalse(Autocast.isCacheEnabled());
            assertNotSame(castOf(m(2, 3).mm(w), 1), castOf(m(2, 3).mm(w), 1), "cache_enabled=False");
        }
        assertTrue(Autocast.isCacheEnabled(), "restored on close");
    }

    @Test
    void promoteRefusesFloat16UnderBfloat16AsPyTorchDoes() {
        Tensor a = m(2, 2).to(DType.FLOAT16), b = m(2, 2).to(DType.FLOAT16);
        try (var ac = Torch.autocast(CPU)) {
            var e = assertThrows(IllegalArgumentException.class, () -> Torch.stack(List.of(a, b)));
            assertTrue(e.getMessage().startsWith("Unexpected floating ScalarType in at::autocast::prioritize"), e.getMessage());
            assertEquals(DType.FLOAT32, Torch.stack(List.of(a.to(DType.FLOAT32), b.to(DType.BFLOAT16))).dtype());
        }
    }

    @Test
    void setEnabledWithoutAScope() {
        Autocast.setEnabled(CPU, true);
        try {
            assertEquals(DType.BFLOAT16, m(2, 3).mm(m(3, 2)).dtype());
        } finally {
            Autocast.setEnabled(CPU, false);
        }
        assertEquals(DType.FLOAT32, m(2, 3).mm(m(3, 2)).dtype());
    }

    @Test
    void theTablesFollowPyTorch() {
        assertEquals(CastPolicy.LOWER_PRECISION_FP, AutocastOp.LINEAR.policy(CPU));
        assertEquals(CastPolicy.FP32, AutocastOp.MSE_LOSS.policy(CPU));
        assertEquals(CastPolicy.UNCHANGED, AutocastOp.SOFTMAX.policy(CPU), "1.13's CPU softmax keeps bfloat16");
        assertEquals(CastPolicy.FP32, AutocastOp.SOFTMAX.policy(Device.Type.CUDA));
        assertEquals(CastPolicy.BANNED, AutocastOp.BINARY_CROSS_ENTROPY.policy(Device.Type.CUDA));
        assertEquals(CastPolicy.LOWER_PRECISION_FP, AutocastOp.CONV_TRANSPOSE2D.policy(Device.Type.CUDA));
        assertEquals(CastPolicy.FP32, AutocastOp.CONV_TRANSPOSE2D.policy(CPU));
    }
}

package dev.jtorch.simd.creation;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ranges, identities and filled tensors: printed as PyTorch 1.13 printed the same calls (shown in comments). */
class CreationTest {

    @Test
    void createdTensorsPrintAsInPyTorch() {
        Map<String, Supplier<Tensor>> calls = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        // torch.arange(0, 1, 0.1)
        calls.put("arange(0, 1, 0.1)", () -> Torch.arange(0.0, 1.0, 0.1));
        expected.put("arange(0, 1, 0.1)", "tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000,\n        0.9000])");
        calls.put("arange(1, 2.5, 0.5)", () -> Torch.arange(1.0, 2.5, 0.5));
        expected.put("arange(1, 2.5, 0.5)", "tensor([1.0000, 1.5000, 2.0000])");
        calls.put("arange(10)", () -> Torch.arange(10));
        expected.put("arange(10)", "tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])");
        calls.put("arange(1, 10, 3)", () -> Torch.arange(1, 10, 3));
        expected.put("arange(1, 10, 3)", "tensor([1, 4, 7])");
        calls.put("arange(10, 0, -3)", () -> Torch.arange(10, 0, -3));
        expected.put("arange(10, 0, -3)", "tensor([10,  7,  4,  1])");
        calls.put("arange(0, 1, 0.3, float64)", () -> Torch.arange(0.0, 1.0, 0.3, DType.FLOAT64));
        expected.put("arange(0, 1, 0.3, float64)", "tensor([0.0000, 0.3000, 0.6000, 0.9000], dtype=torch.float64)");
        calls.put("arange(5, 5)", () -> Torch.arange(5, 5));
        expected.put("arange(5, 5)", "tensor([], dtype=torch.int64)");
        calls.put("linspace(0, 1, 5)", () -> Torch.linspace(0, 1, 5));
        expected.put("linspace(0, 1, 5)", "tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])");
        calls.put("linspace(-1, 1, 7)", () -> Torch.linspace(-1, 1, 7));
        expected.put("linspace(-1, 1, 7)", "tensor([-1.0000e+00, -6.6667e-01, -3.3333e-01, -2.9802e-08,  3.3333e-01,\n         6.6667e-01,  1.0000e+00])");
        calls.put("linspace(3, 10, 1)", () -> Torch.linspace(3, 10, 1));
        expected.put("linspace(3, 10, 1)", "tensor([3.])");
        calls.put("linspace(0, 10, 4, int64)", () -> Torch.linspace(0, 10, 4, DType.INT64));
        expected.put("linspace(0, 10, 4, int64)", "tensor([ 0,  3,  6, 10])");
        calls.put("linspace(0, 1, 0)", () -> Torch.linspace(0, 1, 0));
        expected.put("linspace(0, 1, 0)", "tensor([])");
        calls.put("eye(3)", () -> Torch.eye(3));
        expected.put("eye(3)", "tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])");
        calls.put("eye(2, 3)", () -> Torch.eye(2, 3));
        expected.put("eye(2, 3)", "tensor([[1., 0., 0.],\n        [0., 1., 0.]])");
        calls.put("eye(2, 2, int32)", () -> Torch.eye(2, 2, DType.INT32));
        expected.put("eye(2, 2, int32)", "tensor([[1, 0],\n        [0, 1]], dtype=torch.int32)");
        calls.put("full((2, 2), 7.5)", () -> Torch.full(new long[]{2, 2}, 7.5));
        expected.put("full((2, 2), 7.5)", "tensor([[7.5000, 7.5000],\n        [7.5000, 7.5000]])");
        calls.put("full((3,), 3)", () -> Torch.full(new long[]{3}, 3L));
        expected.put("full((3,), 3)", "tensor([3, 3, 3])");
        calls.put("full((2,), True)", () -> Torch.full(new long[]{2}, true));
        expected.put("full((2,), True)", "tensor([True, True])");
        calls.put("full((2, 2), 2.0, float64)", () -> Torch.full(new long[]{2, 2}, 2.0, DType.FLOAT64));
        expected.put("full((2, 2), 2.0, float64)", "tensor([[2., 2.],\n        [2., 2.]], dtype=torch.float64)");
        calls.put("zeros_like(arange(3))", () -> Torch.zerosLike(Torch.arange(3)));
        expected.put("zeros_like(arange(3))", "tensor([0, 0, 0])");
        calls.put("ones_like(arange(4).view(2, 2), float16)", () -> Torch.onesLike(Torch.arange(4).view(2, 2), DType.FLOAT16));
        expected.put("ones_like(arange(4).view(2, 2), float16)", "tensor([[1., 1.],\n        [1., 1.]], dtype=torch.float16)");
        calls.put("zeros(0, 3)", () -> Torch.zeros(0, 3));
        expected.put("zeros(0, 3)", "tensor([], size=(0, 3))");
        calls.put("ones(2, 0, 1)", () -> Torch.ones(2, 0, 1));
        expected.put("ones(2, 0, 1)", "tensor([], size=(2, 0, 1))");
        for (var e : calls.entrySet()) assertEquals(expected.get(e.getKey()), e.getValue().get().toString(), e.getKey());
    }

    /** Bit patterns of torch.linspace in float32 (PyTorch 1.13, its scalar kernel path for fewer than 8 steps). */
    @Test
    void float32LinspaceHasPyTorchsBits() {
        assertArrayEquals(new float[]{-1f, Float.intBitsToFloat(0xbf2aaaaa), Float.intBitsToFloat(0xbeaaaaaa),
                        -0x1p-25f, Float.intBitsToFloat(0x3eaaaaaa), Float.intBitsToFloat(0x3f2aaaaa), 1f},
                Torch.linspace(-1, 1, 7).toFloatArray());
        assertArrayEquals(new float[]{0f, 0.25f, 0.5f, 0.75f, 1f}, Torch.linspace(0, 1, 5).toFloatArray());
    }

    @Test
    void badRangesAreRefused() {
        assertEquals("step must be nonzero",
                assertThrows(IllegalArgumentException.class, () -> Torch.arange(0, 5, 0)).getMessage());
        assertEquals("upper bound and larger bound inconsistent with step sign",
                assertThrows(IllegalArgumentException.class, () -> Torch.arange(0, 5, -1)).getMessage());
        assertEquals("number of steps must be non-negative",
                assertThrows(IllegalArgumentException.class, () -> Torch.linspace(0, 1, -2)).getMessage());
    }
}

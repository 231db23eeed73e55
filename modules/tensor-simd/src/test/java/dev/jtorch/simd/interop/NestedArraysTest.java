package dev.jtorch.simd.interop;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** torch.tensor(data) from Java values: shapes, inferred dtypes, conversions and PyTorch's errors. */
class NestedArraysTest {

    private static long[] shape(Tensor t) { return t.shape().toArray(); }

    @Test
    void scalarsFollowPythonRules() {
        Tensor d = Torch.tensor(2.5);
        assertEquals(DType.FLOAT32, d.dtype());
        assertEquals(0, d.dim());
        assertEquals(2.5, d.item());
        assertEquals(DType.INT64, Torch.tensor(7L).dtype());
        assertEquals(DType.INT64, Torch.tensor((Object) Integer.valueOf(7)).dtype());
        assertEquals(DType.INT64, Torch.tensor((Object) Short.valueOf((short) 7)).dtype());
        assertEquals(DType.FLOAT32, Torch.tensor((Object) Float.valueOf(1.5f)).dtype());
        Tensor b = Torch.tensor(true);
        assertEquals(DType.BOOL, b.dtype());
        assertEquals(Boolean.TRUE, b.toArray());
        assertEquals(Long.MAX_VALUE, Torch.tensor(Long.MAX_VALUE).itemLong());
    }

    @Test
    void defaultDtypeAppliesToJavaFloatingValues() {
        Torch.setDefaultDtype(DType.FLOAT64);
        try {
            assertEquals(DType.FLOAT64, Torch.tensor(1.5).dtype());
            assertEquals(DType.FLOAT64, Torch.tensor(new float[]{1.5f}).dtype());
        } finally {
            Torch.setDefaultDtype(DType.FLOAT32);
        }
    }

    @Test
    void primitiveArraysOfAnyRank() {
        Tensor f = Torch.tensor(new float[][]{{1, 2, 3}, {4, 5, 6}});
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new long[]{2, 3}, shape(f));
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, f.toFloatArray());

        Tensor d = Torch.tensor(new double[][][]{{{1.25}, {2}}, {{3}, {-4}}});
        assertEquals(DType.FLOAT32, d.dtype());
        assertArrayEquals(new long[]{2, 2, 1}, shape(d));
        assertArrayEquals(new float[]{1.25f, 2, 3, -4}, d.toFloatArray());

        assertEquals(DType.INT64, Torch.tensor(new int[][]{{1}, {2}}).dtype());
        assertEquals(DType.INT64, Torch.tensor(new short[]{1, 2}).dtype());
        assertEquals(DType.INT64, Torch.tensor(new byte[]{-1, 2}).dtype());
        assertArrayEquals(new long[]{-1, 2}, Torch.tensor(new byte[]{-1, 2}).toLongArray());
        Tensor b = Torch.tensor(new boolean[][]{{true, false}});
        assertEquals(DType.BOOL, b.dtype());
        assertArrayEquals(new boolean[]{true, false}, b.toBooleanArray());
    }

    @Test
    void objectArraysMixLeavesAndPromoteLikePythonLists() {
        // torch.tensor([[1, 2], [3.5, 4]]) -> float32
        Tensor t = Torch.tensor(new Object[]{new int[]{1, 2}, new double[]{3.5, 4}});
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new float[]{1, 2, 3.5f, 4}, t.toFloatArray());
        // torch.tensor([True, 1]) -> int64
        assertEquals(DType.INT64, Torch.tensor(new Object[]{true, 1}).dtype());
        assertArrayEquals(new long[]{1, 1}, Torch.tensor(new Object[]{true, 1}).toLongArray());
        // torch.tensor([True, 1.0]) -> float32
        assertEquals(DType.FLOAT32, Torch.tensor(new Object[]{true, 1.0}).dtype());
        assertArrayEquals(new long[]{2, 2}, shape(Torch.tensor(new Object[]{new Object[]{1L, 2L}, new long[]{3, 4}})));
    }

    @Test
    void emptyArraysKeepTheirElementType() {
        Tensor e = Torch.tensor(new double[0]);
        assertArrayEquals(new long[]{0}, shape(e));
        assertEquals(DType.FLOAT32, e.dtype());
        assertEquals(DType.INT64, Torch.tensor(new long[0]).dtype());
        assertEquals(DType.BOOL, Torch.tensor(new boolean[0]).dtype());
        assertEquals(DType.FLOAT32, Torch.tensor(new Object[0]).dtype()); // torch.tensor([])
        Tensor rows = Torch.tensor(new long[2][0]); // torch.tensor([[], []], dtype=torch.int64)
        assertArrayEquals(new long[]{2, 0}, shape(rows));
        assertEquals(DType.INT64, rows.dtype());
    }

    @Test
    void raggedDataGivesPyTorchsError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new int[][]{{1, 2, 3}, {4, 5}}));
        assertEquals("expected sequence of length 3 at dim 1 (got 2)", e.getMessage());
        // torch.tensor([[1, 2], 3])
        e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new Object[]{new int[]{1, 2}, 3}));
        assertEquals("not a sequence", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new Object[]{1, new int[]{2, 3}}));
        assertEquals("expected a number at dim 1 but found a sequence (int[])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new Object[]{"a"}));
        assertEquals("invalid data type 'String'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new float[][]{{1}, null}));
    }

    @Test
    void explicitDtypeConvertsAsPyTorch() {
        // torch.tensor([1.7, -1.7], dtype=torch.int8) -> [1, -1]
        assertArrayEquals(new long[]{1, -1}, Torch.tensor(new double[]{1.7, -1.7}, DType.INT8).toLongArray());
        // torch.tensor([-1], dtype=torch.uint8) -> [255]
        assertArrayEquals(new int[]{255}, Torch.tensor(new long[]{-1}, DType.UINT8).toIntArray());
        // torch.tensor([nan], dtype=torch.bool) -> [True]
        assertArrayEquals(new boolean[]{true, false}, Torch.tensor(new double[]{Double.NaN, 0}, DType.BOOL).toBooleanArray());
        // torch.tensor([1e40], dtype=torch.float16) -> [inf]
        assertArrayEquals(new float[]{Float.POSITIVE_INFINITY}, Torch.tensor(new double[]{1e40}, DType.FLOAT16).toFloatArray());
        // torch.tensor([1 + 2**-8, 1 + 3 * 2**-8], dtype=torch.bfloat16) -> [1.0, 1.015625]: ties go to even
        assertArrayEquals(new float[]{1f, 1.015625f}, Torch.tensor(new double[]{1 + 0x1p-8, 1 + 3 * 0x1p-8}, DType.BFLOAT16).toFloatArray());
        assertEquals(DType.FLOAT64, Torch.tensor(new int[]{1}, DType.FLOAT64).dtype());
    }

    @Test
    void explicitIntegerDtypeRejectsOverflowWithPyTorchsMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new long[]{300}, DType.UINT8));
        assertEquals("value cannot be converted to type uint8 without overflow", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new double[]{1e30}, DType.INT64));
        assertEquals("value cannot be converted to type int64 without overflow", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new long[]{-129}, DType.INT8));
        assertEquals("value cannot be converted to type int8 without overflow", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new double[]{Double.NaN}, DType.INT64));
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new double[]{-1.0}, DType.UINT8));
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new double[]{Math.pow(2, 40)}, DType.INT32));
    }

    @Test
    void dataIsCopiedNotAliased() {
        float[] src = {1, 2, 3};
        Tensor t = Torch.tensor(src);
        src[0] = 99;
        assertArrayEquals(new float[]{1, 2, 3}, t.toFloatArray());
        long[][] rows = {{1, 2}, {3, 4}};
        Tensor r = Torch.tensor(rows);
        rows[1][1] = 0;
        assertArrayEquals(new long[]{1, 2, 3, 4}, r.toLongArray());
    }
}

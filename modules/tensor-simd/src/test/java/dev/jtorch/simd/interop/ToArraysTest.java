package dev.jtorch.simd.interop;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Tensor -> Java arrays: row-major order for any view, conversion across dtypes, nested arrays. */
class ToArraysTest {
    /** [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] as float32. */
    private static Tensor grid() { return Torch.tensor(new float[][]{{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}}); }

    @Test
    void viewsReadInLogicalRowMajorOrder() {
        assertArrayEquals(new float[]{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, grid().t().toFloatArray());
        assertArrayEquals(new float[]{1, 3, 9, 11}, grid().slice(0, 0, 3).get("::2, 1::2").toFloatArray());
        assertArrayEquals(new float[]{4, 5, 6, 7, 4, 5, 6, 7}, grid().select(0, 1).unsqueeze(0).expand(2, 4).toFloatArray());
        assertArrayEquals(new float[]{6}, grid().select(0, 1).select(0, 2).toFloatArray());
        assertArrayEquals(new float[0], grid().narrow(0, 1, 0).toFloatArray());
    }

    @Test
    void conversionsBetweenDtypes() {
        Tensor f = Torch.tensor(new double[]{-1.75, 0, 2.5, 3e9});
        assertArrayEquals(new long[]{-1, 0, 2, 3_000_000_000L}, f.toLongArray());
        assertArrayEquals(new boolean[]{true, false, true, true}, f.toBooleanArray());
        assertArrayEquals(new double[]{-1.75, 0, 2.5, 3e9}, f.toDoubleArray());

        Tensor l = Torch.tensor(new long[]{1L << 40, -3});
        assertArrayEquals(new double[]{0x1p40, -3}, l.toDoubleArray());
        assertArrayEquals(new int[]{0, -3}, l.toIntArray()); // wraps as a C++ cast

        Tensor u8 = Torch.tensor(new long[]{0, 200, 255}, DType.UINT8);
        assertArrayEquals(new int[]{0, 200, 255}, u8.toIntArray());
        assertArrayEquals(new float[]{0, 200, 255}, u8.toFloatArray());
        Tensor i8 = Torch.tensor(new long[]{-128, 127}, DType.INT8);
        assertArrayEquals(new long[]{-128, 127}, i8.toLongArray());

        Tensor h = Torch.tensor(new double[]{0.5, -0.0, 65504}, DType.FLOAT16);
        assertArrayEquals(new float[]{0.5f, -0.0f, 65504f}, h.toFloatArray());
        assertArrayEquals(new boolean[]{true, false, true}, h.toBooleanArray());
        Tensor bf = Torch.tensor(new double[]{3.0, -0.5}, DType.BFLOAT16);
        assertArrayEquals(new double[]{3.0, -0.5}, bf.toDoubleArray());
        assertArrayEquals(new long[]{3, 0}, bf.toLongArray());
    }

    @Test
    void nestedArraysMatchTheDtype() {
        float[][] f = (float[][]) grid().toArray();
        assertArrayEquals(new float[]{4, 5, 6, 7}, f[1]);
        double[][][] d = (double[][][]) Torch.tensor(new double[][]{{1, 2}}, DType.FLOAT64).unsqueeze(0).toArray();
        assertArrayEquals(new double[]{1, 2}, d[0][0]);
        assertInstanceOf(long[][].class, Torch.tensor(new long[][]{{1}}).toArray());
        assertInstanceOf(int[].class, Torch.tensor(new long[]{1}, DType.INT16).toArray());
        assertInstanceOf(int[].class, Torch.tensor(new long[]{1}, DType.UINT8).toArray());
        assertInstanceOf(boolean[][].class, Torch.tensor(new boolean[][]{{true}}).toArray());
        assertInstanceOf(float[].class, Torch.tensor(new double[]{1}, DType.BFLOAT16).toArray());
        float[][] empty = (float[][]) Torch.zeros(0, 3).toArray();
        assertEquals(0, empty.length);
        float[][] emptyRows = (float[][]) Torch.zeros(2, 0).toArray();
        assertEquals(0, emptyRows[1].length);
    }

    @Test
    void zeroDimTensorsGiveBoxedScalars() {
        assertEquals(2.5f, Torch.tensor(2.5).toArray());
        assertEquals(7L, Torch.tensor(7L).toArray());
        assertEquals(7, Torch.tensor((Object) 7L, DType.INT32).toArray());
        assertEquals(2.5, Torch.tensor((Object) 2.5, DType.FLOAT64).toArray());
        assertEquals(1.5f, Torch.tensor((Object) 1.5, DType.FLOAT16).toArray());
        assertEquals(Boolean.FALSE, Torch.tensor(false).toArray());
    }

    @Test
    void roundTripThroughNestedArraysIsExact() {
        long[][][] src = {{{1, -2}, {3, Long.MIN_VALUE}}, {{5, 6}, {Long.MAX_VALUE, 8}}};
        long[][][] back = (long[][][]) Torch.tensor(src).toArray();
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) assertArrayEquals(src[i][j], back[i][j]);
    }
}

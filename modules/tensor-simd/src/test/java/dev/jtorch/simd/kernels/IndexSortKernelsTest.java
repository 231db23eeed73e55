package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Index, sort, scan and reduction kernels called directly. Expected values were printed by
 * PyTorch 1.13 for the same inputs (torch.index_select, gather, scatter_, scatter_add_, nonzero, sort(stable=True)).
 */
class IndexSortKernelsTest {
    private final Kernels k = new ScalarKernels();

    private static Strided m() { return S.of(S.iota(12), 3, 4); } // torch.arange(12.).reshape(3, 4)

    @Test
    void indexSelect() {
        Strided out = S.zeros(DType.FLOAT32, 3, 3);
        k.indexSelect(m(), 1, S.of(new long[]{3, 0, 3}, 3), out);
        assertArrayEquals(new float[]{3, 0, 3, 7, 4, 7, 11, 8, 11}, S.floats(out));
        Strided rows = S.zeros(DType.FLOAT32, 2, 4);
        k.indexSelect(m(), 0, S.of(new long[]{2, 2}, 2), rows);
        assertArrayEquals(new float[]{8, 9, 10, 11, 8, 9, 10, 11}, S.floats(rows));
    }

    @Test
    void indexSelectRejectsBadIndicesBeforeWriting() {
        Strided out = S.zeros(DType.FLOAT32, 3, 2);
        var e = assertThrows(IndexOutOfBoundsException.class, () -> k.indexSelect(m(), 1, S.of(new long[]{0, 4}, 2), out));
        assertEquals("index out of range in self", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> k.indexSelect(m(), 1, S.of(new long[]{0, -1}, 2), out));
        assertArrayEquals(new float[6], S.floats(out));
    }

    @Test
    void gather() {
        Strided out = S.zeros(DType.FLOAT32, 3, 2);
        k.gather(m(), 1, S.of(new long[]{0, 0, 1, 0, 2, 3}, 3, 2), out);
        assertArrayEquals(new float[]{0, 0, 5, 4, 10, 11}, S.floats(out));
        Strided out2 = S.zeros(DType.FLOAT32, 2, 3);
        k.gather(S.t(m()), 0, S.of(new long[]{2, 0, 1, 0, 0, 0}, 2, 3), out2);
        assertArrayEquals(new float[]{2, 4, 9, 0, 4, 8}, S.floats(out2));
    }

    @Test
    void gatherAndScatterUsePyTorchsMessage() {
        Strided out = S.zeros(DType.FLOAT32, 1, 2);
        var e = assertThrows(IndexOutOfBoundsException.class, () -> k.gather(m(), 0, S.of(new long[]{1, 5}, 1, 2), out));
        assertEquals("index 5 is out of bounds for dimension 0 with size 3", e.getMessage());
        Strided self = S.zeros(DType.FLOAT32, 3, 4);
        e = assertThrows(IndexOutOfBoundsException.class,
                () -> k.scatter(self, 0, S.of(new long[]{0, -1}, 1, 2), S.of(new float[]{7, 8}, 1, 2), false));
        assertEquals("index -1 is out of bounds for dimension 0 with size 3", e.getMessage());
        assertArrayEquals(new float[12], S.floats(self), "nothing written");
    }

    @Test
    void scatterAndScatterAdd() {
        Strided z = S.zeros(DType.FLOAT32, 3, 4);
        k.scatter(z, 0, S.of(new long[]{1, 2, 0, 1}, 1, 4), S.of(new float[]{1, 2, 3, 4}, 1, 4), false);
        assertArrayEquals(new float[]{0, 0, 3, 0, 1, 0, 0, 4, 0, 2, 0, 0}, S.floats(z));
        Strided zi = S.zeros(DType.INT64, 3, 4);
        k.scatter(zi, 1, S.of(new long[]{1, 1, 3, 0, 0, 0}, 2, 3), S.of(new long[]{1, 2, 3, 4, 5, 6}, 2, 3), true);
        assertArrayEquals(new long[]{0, 3, 0, 3, 15, 0, 0, 0, 0, 0, 0, 0}, S.longs(zi));
    }

    @Test
    void nonzeroAndCount() {
        Strided x = S.of(new float[]{0, 1.5f, 0, 2, 0, -1}, 2, 3);
        assertEquals(3, k.countNonzero(x));
        Strided out = S.zeros(DType.INT64, 3, 2);
        k.nonzero(x, out);
        assertArrayEquals(new long[]{0, 1, 1, 0, 1, 2}, S.longs(out));
        assertEquals(1, k.countNonzero(S.of(new float[]{Float.NaN, 0f, -0f}, 3)));
    }

    @Test
    void stableSorts() {
        Strided v = S.zeros(DType.FLOAT32, 2, 6), i = S.zeros(DType.INT64, 2, 6);
        k.sort(S.of(new float[]{2, 1, 2, -0f, 0, 1, 5, 4, 3, 2, 1, 0}, 2, 6), 1, true, true, v, i);
        assertArrayEquals(new float[]{2, 2, 1, 1, -0f, 0, 5, 4, 3, 2, 1, 0}, S.floats(v));
        assertArrayEquals(new long[]{0, 2, 1, 5, 3, 4, 0, 1, 2, 3, 4, 5}, S.longs(i));

        Strided vl = S.zeros(DType.INT64, 3, 2), il = S.zeros(DType.INT64, 3, 2);
        k.sort(S.of(new long[]{3, 1, 1, 3, 2, 2}, 3, 2), 0, false, true, vl, il);
        assertArrayEquals(new long[]{1, 1, 2, 2, 3, 3}, S.longs(vl));
        assertArrayEquals(new long[]{1, 0, 2, 2, 0, 1}, S.longs(il));

        Strided vd = S.zeros(DType.FLOAT64, 4), id = S.zeros(DType.INT64, 4);
        k.sort(S.of(new double[]{3, -0.0, 0.0, -1}, 4), 0, false, true, vd, id);
        assertArrayEquals(new double[]{-1, -0.0, 0.0, 3}, S.doubles(vd));
        assertArrayEquals(new long[]{3, 1, 2, 0}, S.longs(id));
    }

    @Test
    void scansAndReductions() {
        Strided c = S.zeros(DType.INT64, 2, 3);
        k.scan(ScanOp.CUMSUM, S.of(new long[]{1, 2, 3, 4, 5, 6}, 2, 3), 0, c);
        assertArrayEquals(new long[]{1, 2, 3, 5, 7, 9}, S.longs(c));
        Strided mx = S.zeros(DType.FLOAT32, 1, 2);
        k.reduce(ReduceOp.MAX, S.of(new float[]{1, Float.NaN, 0, 2}, 2, 2), new int[]{0}, mx);
        assertArrayEquals(new float[]{1, Float.NaN}, S.floats(mx));
        Strided mn = S.zeros(DType.INT64, 2, 1);
        k.reduce(ReduceOp.MIN, S.of(new long[]{1, 5, 7, 2}, 2, 2), new int[]{1}, mn);
        assertArrayEquals(new long[]{1, 2}, S.longs(mn));
    }
}

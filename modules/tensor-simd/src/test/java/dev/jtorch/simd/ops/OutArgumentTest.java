package dev.jtorch.simd.ops;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code torch.add(a, b, out=c)} and friends: results, resizing, dtypes, aliasing and PyTorch's refusals. */
class OutArgumentTest {
    private static final Tensor A = Torch.tensor(new double[][]{{1, -2, 3}, {4, 5, -6}}).to(DType.FLOAT32);
    private static final Tensor B = Torch.tensor(new double[]{0.5, 2, -1}).to(DType.FLOAT32);

    @Test
    void binaryResultsEqualTheAllocatingOps() {
        Tensor out = Torch.zeros(2, 3);
        assertSame(out, Torch.add(A, B, out));
        assertArrayEquals(A.add(B).toFloatArray(), out.toFloatArray());
        assertArrayEquals(A.sub(B).toFloatArray(), Torch.sub(A, B, out).toFloatArray());
        assertArrayEquals(A.mul(B).toFloatArray(), Torch.mul(A, B, out).toFloatArray());
        assertArrayEquals(A.div(B).toFloatArray(), Torch.div(A, B, out).toFloatArray());
    }

    @Test
    void unaryResultsEqualTheAllocatingOps() {
        Tensor out = Torch.empty(2, 3);
        assertArrayEquals(A.exp().toFloatArray(), Torch.exp(A, out).toFloatArray());
        assertArrayEquals(A.sigmoid().toFloatArray(), Torch.sigmoid(A, out).toFloatArray());
        assertArrayEquals(A.tanh().toFloatArray(), Torch.tanh(A, out).toFloatArray());
        assertArrayEquals(A.gelu().toFloatArray(), Torch.gelu(A, out).toFloatArray());
        assertArrayEquals(A.abs().log().toFloatArray(), Torch.log(A.abs(), out).toFloatArray());
    }

    @Test
    void outTakesTheBroadcastShape() {
        Tensor out = Torch.zeros(0);
        Torch.add(Torch.ones(3, 1), Torch.ones(4), out);
        assertArrayEquals(new long[]{3, 4}, out.size().toArray());
        Tensor wrong = Torch.zeros(2, 2);
        Torch.add(Torch.ones(3, 1), Torch.ones(4), wrong);
        assertArrayEquals(new long[]{3, 4}, wrong.size().toArray());
    }

    @Test
    void outKeepsItsDtypeWhenTheResultCastsToIt() {
        Tensor out = Torch.zeros(new long[]{2, 3}, DType.FLOAT64);
        Torch.add(A, B, out);
        assertEquals(DType.FLOAT64, out.dtype());
        assertArrayEquals(A.add(B).to(DType.FLOAT64).toDoubleArray(), out.toDoubleArray(), 0);
    }

    @Test
    void aResultThatCannotCastIsRefusedAndOutUnchanged() {
        Tensor out = Torch.zeros(new long[]{2, 3}, DType.INT64);
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.add(A, B, out));
        assertEquals("result type Float can't be cast to the desired output type Long", e.getMessage());
        assertArrayEquals(new long[6], out.toLongArray());
        assertEquals(0, out.version());
    }

    @Test
    void historyIsRefused() {
        Tensor x = Torch.ones(2).requiresGrad_();
        var e = assertThrows(IllegalStateException.class, () -> Torch.add(x, Torch.ones(2), Torch.zeros(2)));
        assertEquals("add(): functions with out=... arguments don't support automatic differentiation, but one of the "
                + "arguments requires grad.", e.getMessage());
        var u = assertThrows(IllegalStateException.class, () -> Torch.exp(x, Torch.zeros(2)));
        assertEquals("exp(): functions with out=... arguments don't support automatic differentiation, but one of the "
                + "arguments requires grad.", u.getMessage());
    }

    @Test
    void outMayBeAnInputButNotPartOfOne() {
        Tensor a = Torch.arange(0, 6).to(DType.FLOAT32);
        Torch.add(a, a, a);
        assertArrayEquals(new float[]{0, 2, 4, 6, 8, 10}, a.toFloatArray());
        Tensor b = Torch.arange(0, 6).to(DType.FLOAT32);
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.add(b.narrow(0, 0, 5), Torch.scalar(1.0), b.narrow(0, 1, 5)));
        assertEquals("unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
                + "memory location. Please clone() the tensor before performing the operation.", e.getMessage());
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5}, b.toFloatArray());
        Tensor c = Torch.arange(0, 6).to(DType.FLOAT32);
        Torch.add(c.narrow(0, 0, 3), Torch.scalar(10.0), c.narrow(0, 3, 3)); // same storage, disjoint: allowed
        assertArrayEquals(new float[]{0, 1, 2, 10, 11, 12}, c.toFloatArray());
    }

    @Test
    void anOutWhoseElementsAliasIsRefused() {
        Tensor out = Torch.zeros(1).expand(3);
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.add(Torch.ones(3), Torch.ones(3), out));
        assertEquals("unsupported operation: more than one element of the written-to tensor refers to a single memory "
                + "location. Please clone() the tensor before performing the operation.", e.getMessage());
    }

    @Test
    void matmulAndMmWriteTheProductIntoOut() {
        Torch.manualSeed(3);
        for (long[] mkn : new long[][]{{5, 7, 3}, {64, 64, 64}, {33, 129, 17}, {1, 1, 1}, {0, 4, 2}}) {
            Tensor a = Torch.randn(mkn[0], mkn[1]), b = Torch.randn(mkn[1], mkn[2]);
            Tensor want = a.matmul(b);
            Tensor out = Torch.full(new long[]{mkn[0], mkn[2]}, 7.0);
            assertSame(out, Torch.matmul(a, b, out));
            assertArrayEquals(want.toFloatArray(), out.toFloatArray(), java.util.Arrays.toString(mkn));
            assertEquals(1, out.version());
            Tensor other = Torch.zeros(3); // resized to the product's shape
            assertArrayEquals(want.toFloatArray(), Torch.mm(a, b, other).toFloatArray());
            assertArrayEquals(new long[]{mkn[0], mkn[2]}, other.size().toArray());
        }
        // transposed operands, a non-contiguous out, float64, batched and vector forms
        Tensor a = Torch.randn(6, 4), b = Torch.randn(5, 6);
        Tensor outT = Torch.zeros(5, 4).t();
        Torch.mm(a.t(), b.t(), outT);
        assertArrayEquals(a.t().mm(b.t()).toFloatArray(), outT.contiguous().toFloatArray());
        Tensor d = Torch.randn(new long[]{3, 4}, DType.FLOAT64), e = Torch.randn(new long[]{4, 2}, DType.FLOAT64);
        assertArrayEquals(d.mm(e).toDoubleArray(), Torch.mm(d, e, Torch.empty(new long[]{3, 2}, DType.FLOAT64)).toDoubleArray(), 0);
        Tensor x = Torch.randn(2, 3, 4), y = Torch.randn(4);
        assertArrayEquals(x.matmul(y).toFloatArray(), Torch.matmul(x, y, Torch.empty(0)).toFloatArray());
        Tensor h = Torch.randn(3, 4).to(DType.BFLOAT16), g = Torch.randn(4, 2).to(DType.BFLOAT16);
        assertArrayEquals(h.mm(g).to(DType.FLOAT32).toFloatArray(),
                Torch.mm(h, g, Torch.empty(new long[]{3, 2}, DType.BFLOAT16)).to(DType.FLOAT32).toFloatArray());
    }

    @Test
    void matmulOutIsNotAutocast() {
        Torch.manualSeed(4);
        Tensor a = Torch.randn(3, 5), b = Torch.randn(5, 2), x = Torch.randn(2, 3, 5);
        Tensor want = a.mm(b), wantBatched = x.matmul(b);
        try (var scope = Torch.autocast(dev.jtorch.Device.Type.CPU, DType.BFLOAT16)) {
            assertArrayEquals(want.toFloatArray(), Torch.mm(a, b, Torch.empty(3, 2)).toFloatArray());
            assertArrayEquals(wantBatched.toFloatArray(), Torch.matmul(x, b, Torch.empty(0)).toFloatArray());
        }
    }

    @Test
    void matmulIntoAnOperandUsesTheProductOfTheOldValues() {
        Tensor a = Torch.tensor(new double[][]{{1, 2}, {3, 4}}).to(DType.FLOAT32);
        Torch.mm(a, a, a);
        assertArrayEquals(new float[]{7, 10, 15, 22}, a.toFloatArray()); // PyTorch 1.13's result
        // wider than one tile: a GEMM writing into its own operand would read rows it has already overwritten
        Torch.manualSeed(5);
        Tensor big = Torch.randn(40, 40), want = big.mm(big);
        Torch.matmul(big, big, big);
        assertArrayEquals(want.toFloatArray(), big.toFloatArray());
    }

    @Test
    void matmulOutRefusalsLeaveOutUnchanged() {
        Tensor a = Torch.ones(2, 3), b = Torch.ones(3, 4);
        Tensor f64 = Torch.zeros(new long[]{2, 4}, DType.FLOAT64);
        var e = assertThrows(IllegalArgumentException.class, () -> Torch.mm(a, b, f64));
        assertEquals("Expected out tensor to have dtype float, but got double instead", e.getMessage());
        Tensor out = Torch.zeros(2, 2);
        var s = assertThrows(IllegalArgumentException.class, () -> Torch.mm(a, a, out));
        assertEquals("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", s.getMessage());
        assertArrayEquals(new long[]{2, 2}, out.size().toArray());
        assertEquals(0, out.version());
        var g = assertThrows(IllegalStateException.class, () -> Torch.matmul(a.requiresGrad_(), b, Torch.zeros(2, 4)));
        assertEquals("matmul(): functions with out=... arguments don't support automatic differentiation, but one of the "
                + "arguments requires grad.", g.getMessage());
    }
}

package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * float32 add/sub/mul/div over rows of 256 to 2^16 elements run two rows side by side ({@code SimdBinary}'s
 * paired path): every element against plain float arithmetic, for row and column broadcasts, odd row counts,
 * row tails, an operand with a wider row stride, and 1 and 2 threads. Each test has a shape of 2 x
 * {@link Parallel#GRAIN} elements or more, so that 2 threads do take a part each (fewer stay on one thread).
 */
class PairedRowsTest {
    private static final BinaryOp[] OPS = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV};

    private static Strided strided(float[] data, long[] shape, long[] stride, long offset) {
        return new Strided(HostStorage.wrapArray(data, DType.FLOAT32), DType.FLOAT32, shape, stride, offset);
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() + (i % 7 == 0 ? 3 : 0));
        return x;
    }

    private static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    /** out[i][j] = a[aOff + i*aRow + j*aCol] op b[bOff + i*bRow + j*bCol] for an out of rows x n. */
    private static void check(int rows, int n, float[] a, long aOff, long aRow, long aCol, float[] b, long bOff, long bRow,
                              long bCol, int threads) {
        long[] shape = {rows, n};
        for (BinaryOp op : OPS) {
            float[] out = new float[rows * n];
            boolean vector = SimdBinary.binary(op, strided(a, shape, new long[]{aRow, aCol}, aOff),
                    strided(b, shape, new long[]{bRow, bCol}, bOff), strided(out, shape, new long[]{n, 1}, 0), threads);
            assertTrue(vector, op + " has a vector form");
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < n; j++) {
                    float want = apply(op, a[(int) (aOff + i * aRow + j * aCol)], b[(int) (bOff + i * bRow + j * bCol)]);
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(out[i * n + j]),
                            op + " [" + rows + "x" + n + "] row " + i + " column " + j + " (threads " + threads + ")");
                }
            }
        }
    }

    @Test
    void rowBroadcastWithOddRowsAndTails() {
        for (int threads : new int[]{1, 2}) {
            for (int[] rn : new int[][]{{2, 256}, {5, 300}, {7, 1001}, {64, 4096}}) { // 64x4096: 2 parts
                int rows = rn[0], n = rn[1];
                float[] a = random(rows * n, rows), row = random(n, n);
                check(rows, n, a, 0, n, 1, row, 0, 0, 1, threads);   // a + row
                check(rows, n, row, 0, 0, 1, a, 0, n, 1, threads);   // row + a
            }
        }
    }

    @Test
    void columnBroadcastGivesEachRowItsOwnScalar() {
        for (int threads : new int[]{1, 2}) {
            int rows = 513, n = 517; // odd rows, row tails; 265,221 elements: 2 parts
            float[] a = random(rows * n, 3), column = random(rows, 4);
            check(rows, n, a, 0, n, 1, column, 0, 1, 0, threads);
            check(rows, n, column, 0, 1, 0, a, 0, n, 1, threads);
        }
    }

    @Test
    void operandsWithWiderRowsAndOffsets() {
        for (int threads : new int[]{1, 2}) {
            int rows = 684, n = 384; // 262,656 elements: 2 parts
            float[] wide = random(rows * 2 * n + 5, 5), b = random(rows * n, 6);
            check(rows, n, wide, 5, 2L * n, 1, b, 0, n, 1, threads);   // a narrowed view of a wider matrix
        }
    }
}

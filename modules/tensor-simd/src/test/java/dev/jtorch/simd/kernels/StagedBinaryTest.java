package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Large binary ops with a transposed operand, which the SIMD kernels first copy into memory order
 * ({@link SimdBinary#STAGE_MIN} elements and up): the same bits as the scalar kernels, for either operand transposed.
 */
class StagedBinaryTest {
    private static final int N = 300; // 90,000 elements: above the staging threshold

    @Test
    void transposedOperandsGiveTheScalarResult() {
        for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            for (BinaryOp op : new BinaryOp[]{BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAXIMUM}) {
                for (int which = 0; which < 3; which++) { // a transposed, b transposed, both
                    Strided a = which != 1 ? Layout.make(t, new long[]{N, N}, new long[]{1, N}, N * N, 0, 11)
                            : Layout.make(t, new long[]{N, N}, new long[]{N, 1}, N * N, 0, 11);
                    Strided b = which != 0 ? Layout.make(t, new long[]{N, N}, new long[]{1, N}, N * N, 0, 12)
                            : Layout.make(t, new long[]{N, N}, new long[]{N, 1}, N * N, 0, 12);
                    Strided expected = Host.allocate(t, new long[]{N, N}), actual = Host.allocate(t, new long[]{N, N});
                    new ScalarKernels().binary(op, a, b, expected);
                    new SimdKernels(() -> 2).binary(op, a, b, actual);
                    assertArrayEquals(Layout.values(expected), Layout.values(actual), 0, op + " " + t + " case " + which);
                }
            }
        }
    }
}

package dev.jtorch.simd.kernels;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SimdTranspose#transpose} for every size up to 3 blocks (8×8, or 16×16 on AVX-512) + 1 on both sides, for
 * matrices that go through the stage and for tiles whose sides and strides are multiples of 16 (16×16 blocks on
 * AVX-512), with row strides wider than the extent and offsets into both arrays: whole blocks and ragged edges land
 * where the naive loop puts them, and nothing outside the destination's rectangle is written.
 */
class SimdTransposeTest {
    @Test
    void anySizeMatchesTheNaiveLoop() {
        int max = 3 * (SimdTranspose.WIDE ? 16 : SimdTranspose.B) + 1; // 16x16 blocks on AVX-512
        for (int rows = 0; rows <= max; rows++) {
            for (int cols = 0; cols <= max; cols++) check(rows, cols);
        }
    }

    /**
     * Matrices large enough to go through the stage: blocks of the stage's rows and columns plus partial ones (and one
     * with ragged edges past the whole 8×8 blocks; on AVX-512 stage blocks whose rows or columns end in half a 16×16
     * block), the fewest rows and the narrowest rows that take it, and bands of fewer rows than the stage's, which take
     * wider blocks (whose width need not divide the stage's).
     */
    @Test
    void stagedMatricesMatchTheNaiveLoop() {
        int sr = SimdTranspose.STAGE_ROWS, sc = SimdTranspose.STAGE_COLS;
        int minRows = SimdTranspose.STAGED_MIN_ROWS, minCols = SimdTranspose.STAGED_MIN_COLS;
        int[][] shapes = {{sr + 8, 2 * sc + 8}, {4 * sr + 16, sc / 2 + 8}, {sr - 1 + 8, 2 * sc + 9}, {minRows, SimdTranspose.STAGED_MIN / minRows},
                {SimdTranspose.STAGED_MIN / minCols + 3, minCols}, {3 * sr, sc}, {4 * sr + 24, sc / 2 + 40}, {sr + 16, 2 * sc + 16},
                {397, 701}, {40, 8 * SimdTranspose.STAGE_COLS_MAX + 27}};
        for (int[] shape : shapes) {
            int rows8 = shape[0] & -SimdTranspose.B, cols8 = shape[1] & -SimdTranspose.B;
            assertTrue(SimdTranspose.takesStage(rows8, cols8), shape[0] + "x" + shape[1] + " takes the stage");
            check(shape[0], shape[1]);
        }
    }

    /**
     * Below the stage's size, sides and strides that are multiples of 16 (which take 16×16 blocks on AVX-512), strides
     * equal to the extent and wider, tiles of {@link SimdTranspose#TILE} and beyond.
     */
    @Test
    void wholeWideTilesMatchTheNaiveLoop() {
        int[][] shapes = {{16, 16}, {32, 48}, {48, 16}, {64, 1024}, {1024, 64}, {256, 256}, {272, 160}};
        for (int[] shape : shapes) {
            int rows = shape[0], cols = shape[1];
            assertTrue(!SimdTranspose.takesStage(rows, cols), rows + "x" + cols + " takes the tiles");
            check(rows, cols, rows, cols, 0, 0);
            check(rows, cols, rows + 16, cols + 32, 16, 48);
        }
    }

    private static void check(int rows, int cols) {
        check(rows, cols, rows + 3, cols + 5, 7, 11);
    }

    private static void check(int rows, int cols, int sCol, int dRow, int s0, int d0) {
        float[] src = new float[s0 + cols * sCol + 1];
        for (int i = 0; i < src.length; i++) src[i] = i * 0.5f + 1;
        float[] dst = new float[d0 + rows * dRow + 1];
        Arrays.fill(dst, -1f);
        SimdTranspose.transpose(src, s0, sCol, dst, d0, dRow, rows, cols);
        float[] want = new float[dst.length];
        Arrays.fill(want, -1f);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) want[d0 + i * dRow + j] = src[s0 + i + j * sCol];
        for (int k = 0; k < dst.length; k++) {
            if (want[k] != dst[k]) assertEquals(want[k], dst[k], 0f, rows + "x" + cols + " at " + k);
        }
    }
}

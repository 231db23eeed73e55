package dev.jtorch.simd.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SimdTranspose#transpose} for every size up to 3 blocks + 1 on both sides, with row strides wider than the
 * extent and offsets into both arrays: whole 8x8 blocks and ragged edges land where the naive loop puts them, and
 * nothing outside the destination's rectangle is written.
 */
class SimdTransposeTest {
    @Test
    void anySizeMatchesTheNaiveLoop() {
        int max = 3 * SimdTranspose.B + 1;
        for (int rows = 0; rows <= max; rows++) {
            for (int cols = 0; cols <= max; cols++) {
                int sCol = rows + 3, dRow = cols + 5, s0 = 7, d0 = 11;
                float[] src = new float[s0 + cols * sCol + 1];
                for (int i = 0; i < src.length; i++) src[i] = i * 0.5f + 1;
                float[] dst = new float[d0 + rows * dRow + 1];
                java.util.Arrays.fill(dst, -1f);
                SimdTranspose.transpose(src, s0, sCol, dst, d0, dRow, rows, cols);
                float[] want = new float[dst.length];
                java.util.Arrays.fill(want, -1f);
                for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) want[d0 + i * dRow + j] = src[s0 + i + j * sCol];
                for (int k = 0; k < dst.length; k++) assertEquals(want[k], dst[k], 0f, rows + "x" + cols + " at " + k);
            }
        }
    }
}

package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A float32 sum over a broadcast row (stride 0: the expanded gradient of a sum that a bias gradient sums again) is one
 * product instead of a loop, with the loop's bits: those of the sums of a contiguous copy of the same values, with SIMD
 * on and off, over the last dim and over all, for values whose sums are exact, round, overflow or are signed zeros,
 * infinities and NaN, for rows of different values and for empty rows.
 */
class BroadcastSumTest {
    private static final float[] VALUES = {1.1f, -0.0f, 0.0f, 3.0e38f, -7.25e-3f, Float.MIN_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, 0.1f};

    @TestFactory
    Stream<DynamicTest> aBroadcastRowSumsAsItsContiguousCopy() {
        long[][] shapes = {{3, 1000}, {2, 5, 77}, {4, 0}, {1, 70_003}};
        return Stream.of(shapes).flatMap(shape -> Stream.of(true, false).flatMap(simd -> {
            int[][] dimsList = {{shape.length - 1}, allDims(shape.length)};
            return Stream.of(dimsList).flatMap(dims -> floats().mapToObj(v -> DynamicTest.dynamicTest(
                    "sum of " + VALUES[v] + " broadcast to " + java.util.Arrays.toString(shape) + " over " + java.util.Arrays.toString(dims)
                            + (simd ? "" : ", SIMD off"), () -> check(new float[]{VALUES[v]}, shape, dims, simd))));
        }));
    }

    /**
     * Rows of different values, each broadcast along the last dim, summed over it and over all dims: the rows' sums
     * then meet in one double accumulator, where a product rounded to float would show.
     */
    @TestFactory
    Stream<DynamicTest> broadcastRowsOfDifferentValuesSumAsTheirCopy() {
        long[][] shapes = {{3, 1000}, {7, 5, 77}, {2, 70_003}};
        java.util.Random rnd = new java.util.Random(11);
        return Stream.of(shapes).flatMap(shape -> Stream.of(true, false).flatMap(simd -> {
            int[][] dimsList = {{shape.length - 1}, allDims(shape.length)};
            return Stream.of(dimsList).map(dims -> DynamicTest.dynamicTest(java.util.Arrays.toString(shape) + " over "
                    + java.util.Arrays.toString(dims) + (simd ? "" : ", SIMD off"), () -> {
                int rows = 1;
                for (int d = 0; d < shape.length - 1; d++) rows *= (int) shape[d];
                float[] values = new float[rows];
                for (int r = 0; r < rows; r++) values[r] = (float) (rnd.nextGaussian() * Math.exp(rnd.nextGaussian() * 6));
                check(values, shape, dims, simd);
            }));
        }));
    }

    private static java.util.stream.IntStream floats() {
        return java.util.stream.IntStream.range(0, VALUES.length);
    }

    private static int[] allDims(int rank) {
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) d[i] = i;
        return d;
    }

    /** values.length is 1 (broadcast to the whole shape) or the number of rows (each broadcast along the last dim). */
    private static void check(float[] values, long[] shape, int[] dims, boolean simd) {
        Strided source = Host.allocate(DType.FLOAT32, new long[]{values.length});
        System.arraycopy(values, 0, (float[]) Host.array(source), 0, values.length);
        long[] strides = new long[shape.length];
        if (values.length > 1) {
            long[] rowShape = shape.clone();
            rowShape[shape.length - 1] = 1;
            strides = Strided.contiguousStrides(rowShape);
            strides[shape.length - 1] = 0;
        }
        Strided broadcast = new Strided(source.storage(), DType.FLOAT32, shape, strides, 0);
        Strided dense = Host.allocate(DType.FLOAT32, shape);
        float[] d = (float[]) Host.array(dense);
        long last = shape[shape.length - 1];
        for (int i = 0; i < d.length; i++) d[i] = values[values.length == 1 ? 0 : (int) (i / last)];
        long[] outShape = shape.clone();
        for (int dim : dims) outShape[dim] = 1;
        Strided got = Host.allocate(DType.FLOAT32, outShape), want = Host.allocate(DType.FLOAT32, outShape);
        ReduceKernels.reduce(ReduceOp.SUM, broadcast, dims, got, simd, 1);
        ReduceKernels.reduce(ReduceOp.SUM, dense, dims, want, simd, 1);
        float[] g = (float[]) Host.array(got), e = (float[]) Host.array(want);
        for (int i = 0; i < g.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(g[i]), "output " + i + ": " + g[i] + ", contiguous " + e[i]);
        }
    }
}

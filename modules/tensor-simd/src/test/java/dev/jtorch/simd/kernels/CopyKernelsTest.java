package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The array copy kernel (typed rows, direct casts, tiled transposes) against the element-by-element
 * segment copy of {@link Staging}, for every pair of dtypes and several layouts.
 */
class CopyKernelsTest {
    private static final double[] VALUES = {0, -0.0, 1, -1, 0.5, -1.5, 2.5, 255.9, -129.7, 300.7, 65519, 70000.5, 3e9, -3e9,
            1e20, -1e20, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-8, 0.1, 3.14159, 1.00390625,
            0x1p53 + 2, -7, 42};

    /** A contiguous operand of dtype t holding VALUES (cast once, through the reference path). */
    private static Strided source(DType t, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = VALUES[i % VALUES.length] + (i / VALUES.length);
        Strided d = S.of(v, n);
        Strided s = Host.allocate(t, new long[]{n});
        Staging.copy(d, s);
        return s;
    }

    @TestFactory
    Stream<DynamicTest> everyPairOfDtypes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                tests.add(DynamicTest.dynamicTest(from.pyName() + " -> " + to.pyName(), () -> {
                    for (int n : new int[]{0, 1, 7, 100, 2500}) {
                        Strided src = source(from, n);
                        Strided viaKernel = Host.allocate(to, new long[]{n}), viaSegment = Host.allocate(to, new long[]{n});
                        new SimdKernels().copy(src, viaKernel);
                        Staging.copy(src, viaSegment);
                        assertSameBits(viaSegment, viaKernel, from + "->" + to + " n=" + n);
                        // every second element of the source
                        if (n >= 2) {
                            Strided half = src.withLayout(new long[]{n / 2}, new long[]{2}, 1);
                            Strided k2 = Host.allocate(to, new long[]{n / 2}), s2 = Host.allocate(to, new long[]{n / 2});
                            new ScalarKernels().copy(half, k2);
                            Staging.copy(half, s2);
                            assertSameBits(s2, k2, from + "->" + to + " strided n=" + n);
                        }
                        // one element broadcast along a row (stride 0: an expanded tensor), and rows [2, n] of two elements
                        if (n >= 2) {
                            for (Strided b : List.of(src.withLayout(new long[]{n}, new long[]{0}, n - 1),
                                    src.withLayout(new long[]{2, n}, new long[]{1, 0}, 0))) {
                                for (KernelsUnderTest k : KernelsUnderTest.values()) {
                                    Strided kb = Host.allocate(to, b.shape()), sb = Host.allocate(to, b.shape());
                                    k.kernels.copy(b, kb);
                                    Staging.copy(b, sb);
                                    assertSameBits(sb, kb, from + "->" + to + " broadcast " + b.shape().length + "-d n=" + n + " " + k);
                                }
                            }
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    private enum KernelsUnderTest {
        SIMD(new SimdKernels()), SCALAR(new ScalarKernels());
        final ScalarKernels kernels;
        KernelsUnderTest(ScalarKernels kernels) { this.kernels = kernels; }
    }

    private static void assertSameBits(Strided expected, Strided actual, String what) {
        Object e = Host.array(expected), a = Host.array(actual);
        switch (e) {
            case float[] x -> {
                float[] y = (float[]) a;
                for (int i = 0; i < x.length; i++) assertEquals(Float.floatToIntBits(x[i]), Float.floatToIntBits(y[i]), what + " at " + i);
            }
            case double[] x -> {
                double[] y = (double[]) a;
                for (int i = 0; i < x.length; i++) assertEquals(Double.doubleToLongBits(x[i]), Double.doubleToLongBits(y[i]), what + " at " + i);
            }
            case long[] x -> assertArrayEquals(x, (long[]) a, what);
            case int[] x -> assertArrayEquals(x, (int[]) a, what);
            case short[] x -> assertArrayEquals(x, (short[]) a, what);
            case byte[] x -> assertArrayEquals(x, (byte[]) a, what);
            default -> throw new IllegalArgumentException();
        }
    }

    @TestFactory
    Stream<DynamicTest> transposedCopiesUseTilesCorrectly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.BOOL)) {
            for (long[] shape : new long[][]{{70, 45}, {3, 97, 64}, {33, 33}, {5, 200}, {64, 48}, {17, 130},
                    // more than one 256-wide tile each way, with ragged tiles and edges
                    {300, 270}, {2, 264, 520},
                    // narrow: 8x8 blocks from 8 each way and 256 elements on (ragged edges), row by row below
                    {10, 37}, {16, 100}, {8, 32}, {12, 12}, {9, 1000}}) {
                tests.add(DynamicTest.dynamicTest(t.pyName() + " " + java.util.Arrays.toString(shape), () -> {
                    int n = (int) Layout.numel(shape);
                    Strided src = source(t, n).withLayout(shape, Strided.contiguousStrides(shape), 0);
                    // swap the two last dims: a view whose rows read src with a long stride
                    int r = shape.length;
                    long[] vShape = shape.clone(), vStride = src.stride().clone();
                    vShape[r - 1] = shape[r - 2];
                    vShape[r - 2] = shape[r - 1];
                    vStride[r - 1] = src.stride()[r - 2];
                    vStride[r - 2] = src.stride()[r - 1];
                    Strided view = src.withLayout(vShape, vStride, 0);
                    Strided viaKernel = Host.allocate(t, vShape), viaSegment = Host.allocate(t, vShape);
                    new SimdKernels().copy(view, viaKernel);
                    Staging.copy(view, viaSegment);
                    assertSameBits(viaSegment, viaKernel, "transpose");
                    Strided viaScalar = Host.allocate(t, vShape);
                    new ScalarKernels().copy(view, viaScalar);
                    assertSameBits(viaSegment, viaScalar, "scalar transpose");
                }));
            }
        }
        return tests.stream();
    }

    /** A view of src with its two last dims swapped: its rows read src with a long stride. */
    private static Strided swapLast(Strided src) {
        long[] shape = src.shape(), vShape = shape.clone(), vStride = src.stride().clone();
        int r = shape.length;
        vShape[r - 1] = shape[r - 2];
        vShape[r - 2] = shape[r - 1];
        vStride[r - 1] = src.stride()[r - 2];
        vStride[r - 2] = src.stride()[r - 1];
        return src.withLayout(vShape, vStride, src.offset());
    }

    /**
     * Copies of more than two grains split across 2 and 3 threads: by rows of the loop, and transposes by whole
     * matrices or by bands of a matrix's rows (fewer matrices than threads), with ragged 8×8 edges in each band.
     */
    @TestFactory
    Stream<DynamicTest> largeCopiesSplitAcrossThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int threads : new int[]{3, 2}) {
            for (DType t : List.of(DType.FLOAT32, DType.INT64)) {
                for (long[] shape : new long[][]{{1003, 517}, {3, 333, 411}, {2, 515, 400}, {4000, 12, 30}}) {
                    tests.add(DynamicTest.dynamicTest(threads + " threads, transpose " + t.pyName() + " " + java.util.Arrays.toString(shape), () -> {
                        int n = (int) Layout.numel(shape);
                        Strided view = swapLast(source(t, n).withLayout(shape, Strided.contiguousStrides(shape), 0));
                        assertEquals(true, Parallel.parts(n, threads) == threads, "the copy splits");
                        Strided viaKernel = Host.allocate(t, view.shape()), viaSegment = Host.allocate(t, view.shape());
                        new SimdKernels(() -> threads).copy(view, viaKernel);
                        Staging.copy(view, viaSegment);
                        assertSameBits(viaSegment, viaKernel, "transpose on " + threads + " threads");
                    }));
                }
            }
            tests.add(DynamicTest.dynamicTest(threads + " threads, strided rows and casts", () -> {
                int n = 700_001;
                Strided f = source(DType.FLOAT32, n), d = source(DType.FLOAT64, n);
                Strided everySecond = d.withLayout(new long[]{n / 2}, new long[]{2}, 1);
                Strided[][] pairs = {
                        {everySecond, Host.allocate(DType.FLOAT64, new long[]{n / 2})}, // same dtype, strided rows
                        {f, Host.allocate(DType.FLOAT64, new long[]{n})},                // direct cast
                        {everySecond, Host.allocate(DType.INT8, new long[]{n / 2})},     // through a buffer of doubles
                        {source(DType.INT64, n), Host.allocate(DType.INT16, new long[]{n})}};
                for (Strided[] p : pairs) {
                    Strided expected = Host.allocate(p[1].dtype(), p[1].shape());
                    new SimdKernels(() -> threads).copy(p[0], p[1]);
                    Staging.copy(p[0], expected);
                    assertSameBits(expected, p[1], p[0].dtype() + " -> " + p[1].dtype() + " on " + threads + " threads");
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void nativeMemoryIsStagedThroughTheHeap() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(8 * 4, 4);
            for (int i = 0; i < 8; i++) seg.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, i - 3.5f);
            Strided in = new Strided(HostStorage.wrap(seg, DType.FLOAT32), DType.FLOAT32, new long[]{8}, new long[]{1}, 0);
            assertEquals(false, Host.arrayBacked(in));
            var backend = new dev.jtorch.simd.CpuBackend();
            Strided out = new Strided(HostStorage.wrap(arena.allocate(8 * 4, 4), DType.FLOAT32), DType.FLOAT32,
                    new long[]{8}, new long[]{1}, 0);
            backend.unary(dev.jtorch.ops.UnaryOp.ABS, in, out);
            for (int i = 0; i < 8; i++) {
                assertEquals(Math.abs(i - 3.5f), out.storage().segment().getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i));
            }
            Strided idx = Host.allocate(DType.INT64, new long[]{1, 1});
            Strided vals = Host.allocate(DType.FLOAT32, new long[]{1, 1});
            backend.reduceWithIndex(dev.jtorch.ops.ReduceOp.MAX, in.withLayout(new long[]{1, 8}, new long[]{8, 1}, 0), 1, vals, idx);
            assertEquals(3.5f, S.floats(vals)[0]);
            assertEquals(7, S.longs(idx)[0]);
        }
    }
}

package dev.jtorch.simd.kernels;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The strided iterator against a naive walk over every coordinate. */
class LoopTest {

    /** Map from operand-0 offset to operand-1 offset, by the naive odometer. */
    private static Map<Long, Long> naive(long[] shape, long[][] strides, int[] bases) {
        Map<Long, Long> m = new HashMap<>();
        long n = 1;
        for (long s : shape) n *= s;
        long[] idx = new long[shape.length];
        for (long e = 0; e < n; e++) {
            long o0 = bases[0], o1 = bases[1];
            for (int d = 0; d < shape.length; d++) {
                o0 += idx[d] * strides[0][d];
                o1 += idx[d] * strides[1][d];
            }
            m.put(o0, o1);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> visitsEveryElementOnceWithMatchingOffsets() {
        Random r = new Random(42);
        List<DynamicTest> tests = new ArrayList<>();
        for (int c = 0; c < 60; c++) {
            int rank = r.nextInt(5);
            long[] shape = new long[rank];
            for (int d = 0; d < rank; d++) shape[d] = r.nextInt(5) == 0 ? 1 : 1 + r.nextInt(6);
            // operand 0: a permuted contiguous layout (non-overlapping); operand 1: arbitrary, may broadcast
            int[] perm = new int[rank];
            for (int d = 0; d < rank; d++) perm[d] = d;
            for (int d = rank - 1; d > 0; d--) {
                int j = r.nextInt(d + 1), t = perm[d];
                perm[d] = perm[j];
                perm[j] = t;
            }
            long[] s0 = new long[rank], s1 = new long[rank];
            long acc = 1;
            for (int k = rank - 1; k >= 0; k--) {
                s0[perm[k]] = acc;
                acc *= shape[perm[k]];
            }
            for (int d = 0; d < rank; d++) s1[d] = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(40);
            long[][] strides = {s0, s1};
            int[] bases = {r.nextInt(5), r.nextInt(5)};
            tests.add(DynamicTest.dynamicTest(java.util.Arrays.toString(shape) + " " + java.util.Arrays.toString(s0) + " "
                    + java.util.Arrays.toString(s1), () -> {
                Map<Long, Long> want = naive(shape, strides, bases);
                for (int order : new int[]{-1, 0, 1}) {
                    Loop loop = Loop.create(shape, order, strides, bases);
                    Map<Long, Long> got = new HashMap<>();
                    int st0 = loop.innerStride(0), st1 = loop.innerStride(1);
                    // split the walk at an arbitrary point, as the thread split does
                    long cut = loop.numel() / 3;
                    Loop.Row row = (off, n) -> {
                        for (int i = 0; i < n; i++) {
                            Long prev = got.put((long) off[0] + (long) i * st0, (long) off[1] + (long) i * st1);
                            if (prev != null) throw new AssertionError("visited twice: " + (off[0] + i * st0));
                        }
                    };
                    loop.forRange(0, cut, null, row);
                    loop.forRange(cut, loop.numel(), null, row);
                    assertEquals(want, got, "order " + order);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void contiguousTensorsAreOneRow() {
        Loop loop = Loop.create(new long[]{4, 5, 6}, 0, new long[][]{{30, 6, 1}, {30, 6, 1}}, new int[]{0, 0});
        assertEquals(1, loop.rank());
        assertEquals(120, loop.innerSize());
        Loop bcast = Loop.create(new long[]{4, 5}, 0, new long[][]{{5, 1}, {0, 1}}, new int[]{0, 0});
        assertEquals(2, bcast.rank());
        assertEquals(5, bcast.innerSize());
    }

    @Test
    void rowMajorKeepsLogicalOrder() {
        // a transposed operand: memory order would visit columns first, row-major order must not
        Loop loop = Loop.create(new long[]{2, 3}, -1, new long[][]{{1, 2}}, new int[]{0});
        List<Integer> seen = new ArrayList<>();
        int st = loop.innerStride(0);
        loop.forEach((off, n) -> {
            for (int i = 0; i < n; i++) seen.add(off[0] + i * st);
        });
        assertEquals(List.of(0, 2, 4, 1, 3, 5), seen);
    }
}

package dev.jtorch.simd.gemm;

import dev.jtorch.DType;
import dev.jtorch.simd.gemm.GemmOperands.Memory;
import dev.jtorch.simd.kernels.Host;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.jtorch.simd.gemm.GemmOperands.operand;
import static dev.jtorch.simd.gemm.GemmOperands.output;
import static dev.jtorch.simd.gemm.GemmOperands.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** The blocked GEMM against the scalar reference loop, and the reference against PyTorch. */
class GemmTest {

    /** One problem: shapes, how A and B are laid out, and where all three operands live. */
    record Case(DType dtype, int batches, int m, int k, int n, boolean aT, boolean bT,
                boolean aBroadcast, boolean bBroadcast, Memory memory) {
        @Override
        public String toString() {
            return dtype.pyName() + " " + batches + "x[" + m + "x" + k + "]@[" + k + "x" + n + "] "
                    + (aT ? "T" : "N") + (bT ? "T" : "N")
                    + (aBroadcast ? " a-bcast" : "") + (bBroadcast ? " b-bcast" : "") + " " + memory;
        }
    }

    private static final int[] SQUARES = {1, 2, 3, 7, 16, 17, 31, 64, 65, 100, 129};

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int s : SQUARES) {
            for (int layout = 0; layout < 4; layout++) {
                cases.add(new Case(DType.FLOAT32, 1, s, s, s, (layout & 2) != 0, (layout & 1) != 0, false, false, Memory.ARRAY));
            }
        }
        // Rectangles: an MNIST-sized layer, shapes crossing the MC/KC/NC block edges, vectors.
        int[][] rects = {{256, 784, 512}, {5, 300, 33}, {300, 20, 40}, {3, 5, 4200}, {1, 1000, 70}, {70, 3, 1}, {130, 17, 9}, {33, 520, 47}};
        for (int[] r : rects) {
            cases.add(new Case(DType.FLOAT32, 1, r[0], r[1], r[2], false, false, false, false, Memory.ARRAY));
            cases.add(new Case(DType.FLOAT32, 1, r[0], r[1], r[2], false, true, false, false, Memory.ARRAY));
        }
        cases.add(new Case(DType.FLOAT32, 1, 45, 67, 89, true, true, false, false, Memory.ARRAY));
        // B stored transposed and wide against a short A: run as (B^T A^T)^T (Gemm.transposeIsCheaper), as the
        // MLP's x @ w.t() and a convolution's weight gradient; batched with either operand broadcast
        cases.add(new Case(DType.FLOAT32, 1, 64, 784, 256, false, true, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT32, 1, 9, 1000, 41, false, true, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT64, 1, 7, 500, 60, false, true, false, false, Memory.ARRAY));
        for (Memory mem : Memory.values()) {
            cases.add(new Case(DType.FLOAT32, 3, 5, 300, 50, false, true, false, true, mem));
            cases.add(new Case(DType.FLOAT32, 3, 5, 300, 50, false, true, true, false, mem));
        }
        cases.add(new Case(DType.FLOAT32, 1, 3, 5, 4200, true, false, false, false, Memory.ARRAY)); // packed A, wide N
        // A stored transposed against a row-major B, few rows and columns of whole tiles, one depth block: both read in
        // place (Float32Gemm.TRANSPOSED_IN_PLACE_MAX_ROWS), as the Winograd weight gradient's v^T @ dy; at the limits
        // of the path (64 rows, depth 256) and batched in every memory kind (native memory takes the packed path)
        cases.add(new Case(DType.FLOAT32, 1, 32, 252, 64, true, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT32, 1, 64, 256, 96, true, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT32, 1, 16, 5, 32, true, false, false, false, Memory.ARRAY));
        for (Memory mem : Memory.values()) {
            cases.add(new Case(DType.FLOAT32, 3, 24, 50, 64, true, false, false, false, mem));
            cases.add(new Case(DType.FLOAT32, 3, 8, 70, 32, true, false, true, false, mem));
        }
        // Deeper than one block (Float32Gemm.KC: 4096 with 256-bit vectors, 256 with 512-bit ones, where most
        // rectangles above cross it too): later passes add to C, A blocks shortened to stay in L2, a B block
        // narrowed to its size cap.
        cases.add(new Case(DType.FLOAT32, 1, 61, 4500, 40, false, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT32, 1, 37, 4500, 950, true, false, false, false, Memory.ARRAY));
        // A C larger than Float32Gemm.C_IN_L2_FLOATS: on AVX-512 tiles walked along the rows, B blocks of at most 1 MiB,
        // deeper than one block (256-bit vectors walk it down the columns); ragged on both sides; A row-major (packed
        // through 8x8 transposes) and transposed.
        cases.add(new Case(DType.FLOAT32, 1, 523, 270, 1030, false, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT32, 1, 523, 270, 1030, true, true, false, false, Memory.NATIVE));
        // Batches, with either operand broadcast over the batch (stride 0), in every memory kind.
        for (Memory mem : Memory.values()) {
            cases.add(new Case(DType.FLOAT32, 3, 19, 23, 37, false, false, false, false, mem));
            cases.add(new Case(DType.FLOAT32, 4, 19, 23, 37, true, false, true, false, mem));
            cases.add(new Case(DType.FLOAT32, 2, 33, 40, 21, false, true, false, true, mem));
        }
        cases.add(new Case(DType.FLOAT32, 5, 1, 9, 1, false, false, true, true, Memory.ARRAY));
        // float64: the same code shape with other tile sizes.
        for (int s : new int[] {1, 7, 17, 65, 129}) {
            cases.add(new Case(DType.FLOAT64, 1, s, s, s, false, false, false, false, Memory.ARRAY));
            cases.add(new Case(DType.FLOAT64, 1, s, s, s, true, true, false, false, Memory.ARRAY));
        }
        cases.add(new Case(DType.FLOAT64, 1, 130, 300, 70, false, true, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT64, 1, 3, 5, 2100, false, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT64, 1, 20, 600, 30, false, false, false, false, Memory.ARRAY));
        // deeper than one block (Float64Gemm.KC), A blocks of 12 rows, a packed-A B block narrowed to 496 columns
        cases.add(new Case(DType.FLOAT64, 1, 23, 4200, 20, false, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT64, 1, 19, 4200, 520, true, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT64, 1, 20, 600, 30, true, true, false, false, Memory.ARRAY));
        // a C larger than Float64Gemm.C_IN_L2_DOUBLES (the row walk), deeper than one block on AVX-512, ragged
        cases.add(new Case(DType.FLOAT64, 1, 403, 300, 341, false, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.FLOAT64, 1, 403, 300, 341, true, true, false, false, Memory.NATIVE));
        for (Memory mem : Memory.values()) {
            cases.add(new Case(DType.FLOAT64, 3, 21, 18, 11, true, false, false, true, mem));
        }
        // int64: a plain loop; checked for layouts and batches.
        cases.add(new Case(DType.INT64, 1, 17, 9, 13, false, false, false, false, Memory.ARRAY));
        cases.add(new Case(DType.INT64, 3, 6, 5, 7, true, true, true, false, Memory.NATIVE));
        return cases;
    }

    @TestFactory
    List<DynamicTest> blockedGemmMatchesReference() {
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 1;
        for (Case c : cases()) {
            long caseSeed = seed++;
            tests.add(dynamicTest(c.toString(), () -> check(c, caseSeed)));
        }
        return tests;
    }

    /**
     * Both walks of the tiles on every machine: {@code multiply} picks the row walk for a large C only where tiles
     * have 8 rows (AVX-512), so the public entry alone would leave one walk untested on each kind of machine. A C of
     * 523 x 1030 (ragged on both sides, deeper than one block on AVX-512), A row-major and transposed.
     */
    @Test
    void bothTileWalksMatchTheReference() {
        int m = 523, k = 270, n = 1030;
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Random rnd = new Random(11);
            double[] av = GemmOperands.random(rnd, dtype, m * k), bv = GemmOperands.random(rnd, dtype, k * n);
            Strided ref = output(dtype, 1, m, n, Memory.ARRAY);
            Gemm.matmul(operand(dtype, av, 1, m, k, false, false, Memory.ARRAY), operand(dtype, bv, 1, k, n, false, false, Memory.ARRAY),
                    ref, 1, false);
            double tol = dtype == DType.FLOAT32 ? 1e-6 * k + 1e-6 : 1e-14 * k + 1e-14;
            Class<?> array = dtype == DType.FLOAT32 ? float[].class : double[].class;
            for (boolean aT : new boolean[] {false, true}) {
                for (boolean rowsOuter : new boolean[] {false, true}) {
                    MatrixView a = MatrixView.of(operand(dtype, av, 1, m, k, aT, false, Memory.ARRAY), 0, array);
                    MatrixView b = MatrixView.of(operand(dtype, bv, 1, k, n, false, false, Memory.ARRAY), 0, array);
                    Strided out = output(dtype, 1, m, n, Memory.ARRAY);
                    MatrixView c = MatrixView.of(out, 0, array);
                    if (dtype == DType.FLOAT32) Float32Gemm.multiply(a, b, c, k, 0, m, 0, n, rowsOuter);
                    else Float64Gemm.multiply(a, b, c, k, 0, m, 0, n, rowsOuter);
                    String what = dtype + " aT=" + aT + (rowsOuter ? " along the rows" : " down the columns");
                    assertClose(values(ref), values(out), tol, what);
                    assertPaddingUntouched(out, what);
                }
            }
        }
    }

    /**
     * {@code Gemm.subtractProduct} (the factorizations' trailing updates) against plain loops: ragged edges, a depth past
     * one depth block on either vector width, B read transposed, C a window of a wider array that keeps its margins.
     */
    @Test
    void subtractProductMatchesPlainLoops() {
        Random rnd = new Random(5);
        for (int[] mnk : new int[][] {{37, 45, 300}, {64, 70, 64}, {5, 3, 4500}, {130, 1, 9}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2], ldc = n + 6;
            for (boolean bT : new boolean[] {false, true}) {
                double[] a = new double[m * k + 3], b = new double[k * n + 2], c = new double[(m + 1) * ldc];
                for (double[] x : new double[][] {a, b, c}) for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() * 2 - 1;
                double[] want = c.clone();
                int brs = bT ? 1 : n, bcs = bT ? k : 1;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) s += a[3 + i * k + p] * b[2 + p * brs + j * bcs];
                        want[ldc + 4 + i * ldc + j] -= s;
                    }
                }
                Gemm.subtractProduct(a, 3, k, 1, b, 2, brs, bcs, c, ldc + 4, ldc, m, n, k, 1);
                assertClose(want, c, 1e-14 * k, m + "x" + n + "x" + k + (bT ? " B transposed" : ""));
            }
        }
    }

    /**
     * {@code Gemm.subtractProductInFloat} (float32 factorizations' trailing updates): C loses the product of A and B
     * rounded to float, summed in float32 (to float32's rounding of the sum); A and B read transposed too; the same bits
     * on 1 and 2 threads. Entries of 1 + 2⁻³⁰ count as 1: the products are the rounded operands', not the doubles'
     * (those of fewer than 8 steps, which stay in double, excepted).
     */
    @Test
    void subtractProductInFloatTakesTheProductOfRoundedOperands() {
        Random rnd = new Random(6);
        for (int[] mnk : new int[][] {{37, 45, 300}, {64, 70, 64}, {5, 3, 4500}, {130, 1, 9}, {300, 200, 40}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2], ldc = n + 6;
            for (boolean t : new boolean[] {false, true}) {
                double[] a = new double[m * k + 3], b = new double[k * n + 2], c = new double[(m + 1) * ldc];
                for (double[] x : new double[][] {a, b, c}) for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble() * 2 - 1;
                double[] want = c.clone();
                int ars = t ? 1 : k, acs = t ? m : 1, brs = t ? 1 : n, bcs = t ? k : 1;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) s += (double) (float) a[3 + i * ars + p * acs] * (float) b[2 + p * brs + j * bcs];
                        want[ldc + 4 + i * ldc + j] -= s;
                    }
                }
                String what = m + "x" + n + "x" + k + (t ? " transposed" : "");
                double[][] got = new double[2][];
                for (int threads = 1; threads <= 2; threads++) {
                    got[threads - 1] = c.clone();
                    Gemm.subtractProductInFloat(a, 3, ars, acs, b, 2, brs, bcs, got[threads - 1], ldc + 4, ldc, m, n, k, threads);
                }
                double tol = 1e-7 * k;
                assertClose(want, got[0], tol, what);
                assertArrayEquals(got[0], got[1], what + ": 1 and 2 threads");
            }
        }
        // depth 8, the shallowest in float32, and 7, below it in double
        for (int k : new int[] {Gemm.FLOAT_PRODUCT_MIN_DEPTH, Gemm.FLOAT_PRODUCT_MIN_DEPTH - 1}) {
            double[] a = new double[3 * k], b = new double[k * 3], c = new double[9];
            java.util.Arrays.fill(a, 1 + 0x1p-30);
            java.util.Arrays.fill(b, 1);
            Gemm.subtractProductInFloat(a, 0, k, 1, b, 0, 3, 1, c, 0, 3, 3, 3, k, 1);
            double want = k >= Gemm.FLOAT_PRODUCT_MIN_DEPTH ? -k : -k * (1 + 0x1p-30);
            for (double x : c) assertEquals(want, x, 0.0, "depth " + k + ": products of the operands rounded to float, or not");
        }
    }

    private static void check(Case c, long seed) {
        Random rnd = new Random(seed);
        double[] av = GemmOperands.random(rnd, c.dtype, (c.aBroadcast ? 1 : c.batches) * c.m * c.k);
        double[] bv = GemmOperands.random(rnd, c.dtype, (c.bBroadcast ? 1 : c.batches) * c.k * c.n);
        // The reference runs on plain arrays in the plain layout.
        Strided refOut = output(c.dtype, c.batches, c.m, c.n, Memory.ARRAY);
        Gemm.matmul(operand(c.dtype, av, c.batches, c.m, c.k, false, c.aBroadcast, Memory.ARRAY),
                operand(c.dtype, bv, c.batches, c.k, c.n, false, c.bBroadcast, Memory.ARRAY), refOut, 1, false);
        double[] expected = values(refOut);

        Strided a = operand(c.dtype, av, c.batches, c.m, c.k, c.aT, c.aBroadcast, c.memory);
        Strided b = operand(c.dtype, bv, c.batches, c.k, c.n, c.bT, c.bBroadcast, c.memory);
        double tol = switch (c.dtype) {
            case FLOAT32 -> 1e-6 * c.k + 1e-6; // |inputs| < 1: the rounding error grows with the depth K
            case FLOAT64 -> 1e-14 * c.k + 1e-14;
            default -> 0;
        };
        // threads 1 and 2 through the public entry; then 2 threads forced past the size threshold.
        double[] singleThreaded = null;
        for (int threads = 1; threads <= 3; threads++) {
            boolean forceParallel = threads == 3;
            for (boolean simd : new boolean[] {true, false}) {
                Strided out = output(c.dtype, c.batches, c.m, c.n, c.memory);
                if (forceParallel) Gemm.matmul(a, b, out, 2, simd, 0);
                else Gemm.matmul(a, b, out, threads, simd);
                String what = c + " threads=" + (forceParallel ? "2 (forced parallel)" : threads) + " simd=" + simd;
                double[] got = values(out);
                assertClose(expected, got, tol, what);
                assertPaddingUntouched(out, what);
                // Threads split rows, columns or batches, never k: every element sums in the same order.
                if (simd && threads == 1) singleThreaded = got;
                else if (simd) assertArrayEquals(singleThreaded, got, what + ": differs from the single-threaded result");
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], x = actual[i];
            if (!(Math.abs(e - x) <= tol)) {
                throw new AssertionError(what + ": element " + i + " is " + x + ", expected " + e + " (tolerance " + tol + ")");
            }
        }
    }

    /** Elements of the output's buffer before and after the matrix must keep their sentinel. */
    private static void assertPaddingUntouched(Strided out, String what) {
        long total = out.storage().byteSize() / out.dtype().itemSize();
        double sentinel = GemmOperands.sentinel(out.dtype());
        for (long i = 0; i < total; i++) {
            if (i >= out.offset() && i < out.offset() + out.numel()) continue;
            double v = GemmOperands.read(out, i);
            assertTrue(Double.compare(v, sentinel) == 0, what + ": wrote outside the output at element " + i);
        }
    }

    /**
     * Views the layout table above does not build: sub-blocks of a wider matrix, every-other-column
     * slices, rows or columns expanded with stride 0. The reference reads the same views.
     */
    @TestFactory
    List<DynamicTest> unusualStridesMatchReference() {
        // {M, K, N, a row stride, a col stride, b row stride, b col stride}; storage is sized to fit.
        long[][] layouts = {
            {37, 41, 29, 41 + 5, 1, 29 * 2, 2},       // A a sub-block (lda > K); B every other column
            {37, 41, 29, 0, 1, 29, 1},                // A one row expanded over M
            {37, 41, 29, 41, 1, 0, 1},                // B one row expanded over K
            {37, 41, 29, 41, 1, 1, 0},                // B one column expanded over N (transposed branch)
            {37, 41, 29, 41, 0, 29, 1},               // A one column expanded over K
            {37, 41, 29, 41, 1, 3, 0},                // B one column expanded over N, rows apart
            {37, 41, 29, 0, 0, 0, 0},                 // A and B one value each (the expanded gradient of a sum)
            {5, 600, 300, 0, 0, 1, 600 + 7},          // A one value, B transposed: run as (B^T A^T)^T
            {37, 41, 29, 3, 37 * 3, 29 * 2, 2},       // A transposed with a gap between columns
            {5, 600, 300, 600, 1, 1, 600 + 7},        // B transposed sub-block, K past one block
            {37, 203, 50, 203, 1, 1, 203 + 3},        // B transposed: a partial last panel, K odd
            // small products that read a row-major B in place (Float32Gemm.B_IN_PLACE_MAX_FLOATS)
            {37, 41, 64, 41, 1, 64 + 9, 1},           // B a sub-block (ldb > N), ragged rows; 2 threads: 32 columns each
            {50, 64, 32, 64, 1, 0, 1},                // B one row expanded over K
            {8, 100, 32, 100 + 1, 1, 32, 1},          // one tile of rows, A a sub-block
        };
        List<DynamicTest> tests = new ArrayList<>();
        for (long[] l : layouts) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                tests.add(dynamicTest(dtype.pyName() + " " + java.util.Arrays.toString(l), () -> {
                    int m = (int) l[0], k = (int) l[1], n = (int) l[2];
                    Random rnd = new Random(m * 31L + k + n + l[3] + l[5]);
                    Strided a = strided(dtype, rnd, new long[] {1, m, k}, new long[] {0, l[3], l[4]});
                    Strided b = strided(dtype, rnd, new long[] {1, k, n}, new long[] {0, l[5], l[6]});
                    Strided ref = output(dtype, 1, m, n, Memory.ARRAY);
                    Gemm.matmul(a, b, ref, 1, false);
                    for (int threads = 1; threads <= 2; threads++) {
                        Strided out = output(dtype, 1, m, n, Memory.ARRAY);
                        Gemm.matmul(a, b, out, threads, true, 0);
                        assertClose(values(ref), values(out), (dtype == DType.FLOAT32 ? 1e-6 : 1e-14) * (k + 1), "threads=" + threads);
                    }
                }));
            }
        }
        return tests;
    }

    /** Random values in a heap array just big enough for the given view. */
    private static Strided strided(DType dtype, Random rnd, long[] shape, long[] stride) {
        long last = 0;
        for (int d = 0; d < shape.length; d++) last += (shape[d] - 1) * stride[d];
        double[] v = GemmOperands.random(rnd, dtype, (int) last + 1);
        Object array = dtype == DType.FLOAT32 ? toFloats(v) : v;
        return new Strided(HostStorage.wrapArray(array, dtype), dtype, shape, stride, 0);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    // ---- against PyTorch 1.13 (torch.manual_seed, torch.randn / randint; values printed with %.9g / %.17g)

    /**
     * {@code torch.manual_seed(0); a = torch.randn(2,3,5); bt = torch.randn(4,5); torch.matmul(a, bt.t())}:
     * a batch against one transposed matrix, as {@code x @ W.T} of a linear layer.
     */
    @Test
    void float32BatchedTransposedMatchesPyTorch() {
        float[] a = {-1.12583983f, -1.1523602f, -0.250578582f, -0.433878809f, 0.848710358f, 0.692009151f, -0.31601277f,
            -2.11521935f, 0.322274923f, -1.26333475f, 0.349983186f, 0.30813393f, 0.119841509f, 1.2376579f, -0.143473849f,
            -0.111609332f, -0.613583088f, 0.0315927416f, -0.492676973f, 0.248414755f, 0.439695835f, 0.112411186f,
            -0.841064811f, -2.31604195f, -0.102309652f, 0.792443991f, -0.289667696f, 0.0525074862f, 0.522860467f, 2.30220532f};
        float[] bt = {0.938260734f, 0.488869816f, -0.673089921f, 0.872831225f, 1.11081612f, 1.28987408f, -1.47817397f,
            2.56723285f, -0.473119795f, 0.335550755f, 1.50912189f, 2.08195543f, -0.479834259f, -0.499681532f, -1.06698036f,
            1.11493957f, -0.140671432f, 0.805753589f, 0.327614307f, -0.7607072f};
        float[] expected = {-0.886965334f, 0.0979657471f, -4.66671228f, -2.08280873f, 0.796487927f, -4.64692211f,
            2.58827496f, 0.17826651f, 1.31924224f, -0.330083489f, 0.64683342f, 0.958043218f, -0.580026388f, 1.16057754f,
            -1.47991598f, -0.363047004f, -1.10154486f, -0.696784973f, 2.56760716f, -0.884210527f, 3.58026266f, 2.11026239f,
            -2.15004706f, -0.61342442f};
        Strided sa = new Strided(HostStorage.wrapArray(a, DType.FLOAT32), DType.FLOAT32, new long[] {2, 3, 5}, new long[] {15, 5, 1}, 0);
        // bt is [4,5] row-major; b = bt.t() is [5,4] with strides (1, 5), the same for both batches.
        Strided sb = new Strided(HostStorage.wrapArray(bt, DType.FLOAT32), DType.FLOAT32, new long[] {2, 5, 4}, new long[] {0, 1, 5}, 0);
        for (boolean simd : new boolean[] {true, false}) {
            for (int threads = 1; threads <= 2; threads++) {
                float[] out = new float[24];
                Strided so = new Strided(HostStorage.wrapArray(out, DType.FLOAT32), DType.FLOAT32, new long[] {2, 3, 4}, new long[] {12, 4, 1}, 0);
                Gemm.matmul(sa, sb, so, threads, simd, 0);
                assertArrayEquals(expected, out, 2e-6f, "simd=" + simd + " threads=" + threads);
            }
        }
    }

    /** {@code torch.manual_seed(1); a = torch.randn(3,5,dtype=torch.float64); b = torch.randn(5,2,dtype=torch.float64); a @ b}. */
    @Test
    void float64MatchesPyTorch() {
        double[] a = {0.66135217157045223, 0.26692409829251879, 0.061677258237348306, 0.62131732868542155, -0.45190596470388295,
            -0.16613023453557194, -1.5227684840130555, 0.38168390241818895, -1.0276085758313882, -0.56305279865378843,
            -0.89229050878103411, -0.058250179083696361, -0.19550957739962468, -0.96563593116834268, 0.42241532118215536};
        double[] b = {0.26731699794736563, -0.42119515675461361, -0.51069999928319654, -1.5726652135630592, -0.12324775762032961,
            3.586989310317374, -1.8312901364228844, 1.5987003148762056, -1.27700703480527, 0.3255015423575558};
        double[] expected = {-0.5278542431033032, 0.36909921086183406, 3.2870985769080541, 2.0077616430469667,
            1.0442522826847915, -1.6401199218060452};
        for (boolean simd : new boolean[] {true, false}) {
            double[] out = new double[6];
            Gemm.matmul(new Strided(HostStorage.wrapArray(a, DType.FLOAT64), DType.FLOAT64, new long[] {1, 3, 5}, new long[] {15, 5, 1}, 0),
                    new Strided(HostStorage.wrapArray(b, DType.FLOAT64), DType.FLOAT64, new long[] {1, 5, 2}, new long[] {10, 2, 1}, 0),
                    new Strided(HostStorage.wrapArray(out, DType.FLOAT64), DType.FLOAT64, new long[] {1, 3, 2}, new long[] {6, 2, 1}, 0),
                    1, simd);
            assertArrayEquals(expected, out, 1e-14, "simd=" + simd);
        }
    }

    /**
     * {@code torch.manual_seed(2); a = torch.randint(-1000,1000,(2,3)); b = torch.randint(-1000,1000,(3,4));
     * a[0,0] = 2**40+3; b[0,0] = 2**30+7; a @ b}: exact, and wrapping on overflow as PyTorch's int64 does.
     */
    @Test
    void int64MatchesPyTorchIncludingOverflow() {
        long[] a = {1099511627779L, 487L, -699L, 544L, -642L, 979L};
        long[] b = {1073741831L, 515L, 960L, 511L, 250L, 521L, 199L, -605L, -435L, 663L, 39L, -313L};
        long[] expected = {7699803045740L, 566248488096475L, 1055531162737492L, 561850441719221L, 584114969699L, 594755L,
            432663L, 359967L};
        long[] out = new long[8];
        Gemm.matmul(new Strided(HostStorage.wrapArray(a, DType.INT64), DType.INT64, new long[] {1, 2, 3}, new long[] {6, 3, 1}, 0),
                new Strided(HostStorage.wrapArray(b, DType.INT64), DType.INT64, new long[] {1, 3, 4}, new long[] {12, 4, 1}, 0),
                new Strided(HostStorage.wrapArray(out, DType.INT64), DType.INT64, new long[] {1, 2, 4}, new long[] {8, 4, 1}, 0),
                2, true);
        assertArrayEquals(expected, out);
    }

    // ---- degenerate shapes and bad calls

    @Test
    void theSwapIsTakenWhereItTransposesLessOrFillsTheTiles() {
        Strided x = Host.allocate(DType.FLOAT32, new long[]{1, 64, 784});
        Strided wt = transposedLast(Host.allocate(DType.FLOAT32, new long[]{1, 256, 784})); // w.t(): [1, 784, 256]
        assertTrue(Gemm.transposeIsCheaper(x, wt, 64, 256, 784));
        Strided big = Host.allocate(DType.FLOAT32, new long[]{1, 512, 784});
        assertFalse(Gemm.transposeIsCheaper(big, wt, 512, 256, 784)); // tall A: transposing B is cheaper
        Strided w = Host.allocate(DType.FLOAT32, new long[]{1, 784, 256});
        assertFalse(Gemm.transposeIsCheaper(x, w, 64, 256, 784)); // B row-major: nothing to save
        assertFalse(Gemm.transposeIsCheaper(transposedLast(Host.allocate(DType.FLOAT32, new long[]{1, 784, 64})), wt, 64, 256, 784));
        Strided thin = Host.allocate(DType.FLOAT32, new long[]{1, 9, 784}); // fewer rows than a tile's columns
        assertFalse(Gemm.transposeIsCheaper(thin, wt, 9, 256, 784));
        Strided narrow = transposedLast(Host.allocate(DType.FLOAT32, new long[]{1, 9, 43264})); // cols.t(): 9 columns
        Strided grad = Host.allocate(DType.FLOAT32, new long[]{1, 32, 43264});
        assertTrue(Gemm.transposeIsCheaper(grad, narrow, 32, 9, 43264)); // a conv's weight gradient: B thinner than a tile
    }

    private static Strided transposedLast(Strided t) {
        long[] sh = t.shape(), st = t.stride();
        return new Strided(t.storage(), t.dtype(), new long[]{sh[0], sh[2], sh[1]}, new long[]{st[0], st[2], st[1]}, t.offset());
    }

    @Test
    void zeroDepthWritesZeros() {
        for (boolean simd : new boolean[] {true, false}) {
            Strided a = operand(DType.FLOAT32, new double[0], 2, 3, 0, false, false, Memory.ARRAY);
            Strided b = operand(DType.FLOAT32, new double[0], 2, 0, 4, false, false, Memory.ARRAY);
            Strided out = output(DType.FLOAT32, 2, 3, 4, Memory.ARRAY);
            Gemm.matmul(a, b, out, 2, simd, 0);
            assertArrayEquals(new double[24], values(out), "simd=" + simd);
            assertPaddingUntouched(out, "simd=" + simd);
        }
    }

    @Test
    void emptyOutputsAreANoOp() {
        Strided a = operand(DType.FLOAT32, new double[0], 2, 0, 5, false, false, Memory.ARRAY);
        Strided b = operand(DType.FLOAT32, new double[2 * 5 * 3], 2, 5, 3, false, false, Memory.ARRAY);
        Strided out = output(DType.FLOAT32, 2, 0, 3, Memory.ARRAY);
        Gemm.matmul(a, b, out, 2, true, 0);
        assertPaddingUntouched(out, "M = 0");
    }

    @Test
    void packedBIsCacheLineAligned() {
        // the kernels load B in whole vectors: off a 64-byte boundary, a 512-bit load reads two cache lines
        for (int floats : new int[] {1, 4096, 300_000, 7}) {
            MemorySegment b = Float32Gemm.packedB(floats);
            assertTrue(b.byteSize() >= floats * (long) Float.BYTES, b + " for " + floats + " floats");
            assertEquals(0, b.address() % 64, "packed B at " + b.address() + " for " + floats + " floats");
        }
        for (int doubles : new int[] {1, 4096, 300_000, 7}) {
            MemorySegment b = Float64Gemm.packedB(doubles);
            assertTrue(b.byteSize() >= doubles * (long) Double.BYTES, b + " for " + doubles + " doubles");
            assertEquals(0, b.address() % 64, "packed float64 B at " + b.address() + " for " + doubles + " doubles");
        }
    }

    @Test
    void rejectsMismatchedShapesAndDtypes() {
        Strided a = operand(DType.FLOAT32, new double[6], 1, 2, 3, false, false, Memory.ARRAY);
        Strided b = operand(DType.FLOAT32, new double[8], 1, 4, 2, false, false, Memory.ARRAY);
        Strided out = output(DType.FLOAT32, 1, 2, 2, Memory.ARRAY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.matmul(a, b, out, 1, true));
        assertTrue(e.getMessage().contains("[1, 2, 3]") && e.getMessage().contains("[1, 4, 2]"), e.getMessage());

        Strided b64 = operand(DType.FLOAT64, new double[6], 1, 3, 2, false, false, Memory.ARRAY);
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.matmul(a, b64, out, 1, true));
        assertTrue(e.getMessage().contains("torch.float64"), e.getMessage());

        Strided i32 = new Strided(HostStorage.wrapArray(new int[4], DType.INT32), DType.INT32, new long[] {1, 2, 2}, new long[] {4, 2, 1}, 0);
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.matmul(i32, i32, i32, 1, true));
        assertTrue(e.getMessage().contains("torch.int32"), e.getMessage());
    }
}

package dev.jtorch.simd.linalg;

import dev.jtorch.DType;
import dev.jtorch.simd.kernels.Host;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The factorization kernels, SIMD form against the scalar reference and both against their definitions
 * ({@code P A = L U}, {@code A X = B}, {@code L Lᵀ = A}, {@code A V = V diag(w)} with orthonormal V), for
 * matrix sizes 0..3×lanes+1, float32 and float64, contiguous and transposed (strided) operands, batches of
 * two, on 1 and 2 threads. The row operations are also compared one by one at every length and offset.
 */
class LinalgKernelsTest {
    private static final int LANES = DoubleVector.SPECIES_PREFERRED.length();

    @TestFactory
    Stream<DynamicTest> rowOpsAgree() {
        return IntStream.rangeClosed(0, 3 * LANES + 1).mapToObj(n -> DynamicTest.dynamicTest("length " + n, () -> {
            Random rnd = new Random(n);
            for (int off = 0; off < 3; off++) {
                double[] x = random(rnd, n + off), y = random(rnd, n + off);
                double[] ys = y.clone(), yv = y.clone();
                ScalarRowOps.INSTANCE.axpy(0.7, x, off, ys, off, n);
                SimdRowOps.INSTANCE.axpy(0.7, x, off, yv, off, n);
                assertClose(ys, yv, 4e-16, "axpy");
                double ds = ScalarRowOps.INSTANCE.dot(x, off, y, off, n), dv = SimdRowOps.INSTANCE.dot(x, off, y, off, n);
                assertEquals(ds, dv, 1e-15 * (1 + n), "dot");
                double[] xs = x.clone(), xv = x.clone();
                ys = y.clone();
                yv = y.clone();
                ScalarRowOps.INSTANCE.rotate(xs, off, ys, off, n, 0.6, 0.8);
                SimdRowOps.INSTANCE.rotate(xv, off, yv, off, n, 0.6, 0.8);
                assertArrayEquals(xs, xv, "rotate x");
                assertArrayEquals(ys, yv, "rotate y");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> factorizationsAgreeAndHold() {
        return IntStream.rangeClosed(0, 3 * LANES + 1).boxed().flatMap(n -> Stream.of(DType.FLOAT64, DType.FLOAT32)
                .flatMap(dt -> Stream.of(false, true).map(transposed -> DynamicTest.dynamicTest(
                        "n=" + n + " " + dt + (transposed ? " transposed" : ""), () -> check(n, dt, transposed)))));
    }

    private static void check(int n, DType dt, boolean transposed) {
        Random rnd = new Random(31L * n + dt.ordinal() + (transposed ? 7 : 0));
        double tol = dt == DType.FLOAT64 ? 1e-11 : 2e-5;
        int batch = 2;
        double[][] a = new double[batch][], sym = new double[batch][], spd = new double[batch][], rhs = new double[batch][];
        double[][] tri = new double[batch][]; // small off the diagonal, ones on it: well conditioned either way
        for (int b = 0; b < batch; b++) {
            a[b] = random(rnd, n * n);
            sym[b] = new double[n * n];
            spd[b] = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sym[b][i * n + j] = a[b][i * n + j] + a[b][j * n + i];
                    double s = 0;
                    for (int k = 0; k < n; k++) s += a[b][i * n + k] * a[b][j * n + k];
                    spd[b][i * n + j] = s + (i == j ? n : 0);
                }
            }
            rhs[b] = random(rnd, n * 3);
            tri[b] = new double[n * n];
            for (int i = 0; i < n * n; i++) tri[b][i] = a[b][i] / (n + 1) + (i % (n + 1) == 0 ? 1 : 0);
        }
        for (int threads : new int[]{1, 2}) {
            // LU: P A = L U, the same pivots in both forms
            Strided[] lu = new Strided[2];
            int[][] piv = new int[2][];
            for (int f = 0; f < 2; f++) {
                lu[f] = Host.allocate(dt, new long[]{batch, n, n});
                Strided p = Host.allocate(DType.INT32, new long[]{batch, n}), info = Host.allocate(DType.INT32, new long[]{batch});
                LinalgKernels.luFactor(operand(a, n, n, dt, transposed), lu[f], p, info, threads, f == 1);
                piv[f] = ((int[]) Host.array(p)).clone();
                assertArrayEquals(new int[batch], (int[]) Host.array(info), "info");
            }
            assertArrayEquals(piv[0], piv[1], "pivots");
            assertClose(values(lu[0]), values(lu[1]), tol, "LU, SIMD vs scalar");
            for (int b = 0; b < batch; b++) assertLuHolds(asStored(a[b], n, dt), values(lu[1]), piv[1], b, n, tol);

            // triangular solves of both kinds: A X = B holds for the triangle read
            for (boolean upper : new boolean[]{false, true}) {
                for (boolean unit : new boolean[]{false, true}) {
                    Strided[] x = new Strided[2];
                    for (int f = 0; f < 2; f++) {
                        x[f] = Host.allocate(dt, new long[]{batch, n, 3});
                        LinalgKernels.triangularSolve(operand(tri, n, n, dt, transposed), operand(rhs, n, 3, dt, false),
                                upper, unit, x[f], threads, f == 1);
                    }
                    String what = "triangular " + (upper ? "upper" : "lower") + (unit ? " unit" : "");
                    assertClose(values(x[0]), values(x[1]), tol, what + ", SIMD vs scalar");
                    for (int b = 0; b < batch; b++) {
                        double[] t = triangle(asStored(tri[b], n, dt), n, upper, unit);
                        assertClose(asStored(rhs[b], n * 3, dt), product(t, slice(values(x[1]), b, n * 3), n, n, 3), tol * 10,
                                what + ": A X = B");
                    }
                }
            }

            // Cholesky: L Lᵀ = A, lower triangular
            Strided[] l = new Strided[2];
            for (int f = 0; f < 2; f++) {
                l[f] = Host.allocate(dt, new long[]{batch, n, n});
                Strided info = Host.allocate(DType.INT32, new long[]{batch});
                LinalgKernels.cholesky(operand(spd, n, n, dt, transposed), l[f], info, threads, f == 1);
                assertArrayEquals(new int[batch], (int[]) Host.array(info), "cholesky info");
            }
            assertClose(values(l[0]), values(l[1]), tol, "cholesky, SIMD vs scalar");
            for (int b = 0; b < batch; b++) {
                double[] lb = slice(values(l[1]), b, n * n);
                assertClose(asStored(spd[b], n, dt), product(lb, transpose(lb, n), n, n, n), tol * n, "L Lᵀ = A");
            }

            // eigh: A V = V diag(w), Vᵀ V = I, ascending w (V's columns may differ in sign between the forms)
            Strided[] w = new Strided[2], v = new Strided[2];
            for (int f = 0; f < 2; f++) {
                w[f] = Host.allocate(dt, new long[]{batch, n});
                v[f] = Host.allocate(dt, new long[]{batch, n, n});
                Strided info = Host.allocate(DType.INT32, new long[]{batch});
                LinalgKernels.eigh(operand(sym, n, n, dt, transposed), w[f], v[f], info, threads, f == 1);
                assertArrayEquals(new int[batch], (int[]) Host.array(info), "eigh info");
            }
            assertClose(values(w[0]), values(w[1]), tol * n, "eigenvalues, SIMD vs scalar");
            for (int b = 0; b < batch; b++) {
                double[] vb = slice(values(v[1]), b, n * n), wb = slice(values(w[1]), b, n);
                double[] sb = asStored(sym[b], n, dt);
                double[] vd = new double[n * n];
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) vd[i * n + j] = vb[i * n + j] * wb[j];
                for (int j = 1; j < n; j++) assertTrue(wb[j - 1] <= wb[j], "ascending");
                assertClose(product(sb, vb, n, n, n), vd, tol * 10 * n, "A V = V diag(w)");
                assertClose(identity(n), product(transpose(vb, n), vb, n, n, n), tol * 10, "Vᵀ V = I");
            }
        }
    }

    /**
     * Sizes around the blocks and recursive splits of LU, Cholesky and the triangular solves (64, one below and one above,
     * where the halves end evenly and unevenly, and several blocks), square through {@link #check}, and rectangular LU,
     * tall and wide, with the right-hand sides of a triangular solve few and many; QR (reduced and complete) over several
     * blocks of reflectors, tall, wide and square.
     */
    @TestFactory
    Stream<DynamicTest> blockedFactorizationsHoldAcrossBlocks() {
        int nb = Cholesky.BLOCK;
        // float32 too: its LU, triangular solves, Cholesky, QR and eigh's Q take their products in float32
        Stream<DynamicTest> square = IntStream.of(nb - 1, nb, nb + 1, 2 * nb + 3).boxed().flatMap(n -> Stream.of(DType.FLOAT64, DType.FLOAT32)
                .flatMap(dt -> Stream.of(false, true).map(transposed -> DynamicTest.dynamicTest(
                        "n=" + n + " " + dt + (transposed ? " transposed" : ""), () -> check(n, dt, transposed)))));
        Stream<DynamicTest> rectangular = Stream.of(new int[]{2 * nb + 5, nb + 7}, new int[]{nb + 7, 2 * nb + 5}, new int[]{3 * nb, nb / 2})
                .flatMap(mn -> Stream.of(DType.FLOAT64, DType.FLOAT32).map(dt -> DynamicTest.dynamicTest(
                        "LU " + mn[0] + "x" + mn[1] + " " + dt, () -> checkRectangularLu(mn[0], mn[1], dt))));
        Stream<DynamicTest> manyRhs = IntStream.of(2, nb + 9).boxed().flatMap(k -> Stream.of(DType.FLOAT64, DType.FLOAT32).map(dt ->
                DynamicTest.dynamicTest("triangular, " + k + " right-hand sides " + dt, () -> checkTriangular(2 * nb + 3, k, dt))));
        int qb = Householder.BLOCK;
        Stream<DynamicTest> qr = Stream.of(new int[]{2 * qb + 6, qb + 9}, new int[]{qb + 9, 2 * qb + 6}, new int[]{3 * qb + 1, 3 * qb + 1},
                        new int[]{2 * qb, qb}).flatMap(mn -> Stream.of(DType.FLOAT64, DType.FLOAT32).map(dt -> DynamicTest.dynamicTest(
                        "QR and SVD " + mn[0] + "x" + mn[1] + " " + dt, () -> checkQrSvd(mn[0], mn[1], dt))));
        return Stream.of(square, rectangular, manyRhs, qr).flatMap(t -> t);
    }

    /**
     * A lone matrix runs its products on the threads it is given; the slices are whole tiles and every tile sums its
     * depth in the same order, so 1 and 2 threads give the same bits (also in float32, whose LU, Cholesky, triangular
     * solves, QR and eigh take their products in float32). At this size the products of all six pass the parallel
     * threshold (a planted skip of the second slice fails each of them): eigh's Q is formed by QR's blocked products,
     * and the SVD's Gram matrix and first rotation are products too.
     */
    @TestFactory
    Stream<DynamicTest> aLoneMatrixGivesTheSameBitsOnAnyThreadCount() {
        Stream<String> ops = Stream.concat(Stream.of("lu", "cholesky", "triangular", "qr", "eigh", "svd"),
                Stream.of("lu", "cholesky", "triangular", "qr", "eigh").map(op -> op + " float32")); // products in float32
        return ops.map(name -> DynamicTest.dynamicTest(name, () -> {
            String op = name.replace(" float32", "");
            DType dt = name.endsWith("float32") ? DType.FLOAT32 : DType.FLOAT64;
            int n = 300;
            Random rnd = new Random(3);
            double[][] a = {random(rnd, n * n)}, spd = {new double[n * n]};
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? n : 0;
                    for (int k = 0; k < n; k++) s += a[0][i * n + k] * a[0][j * n + k];
                    spd[0][i * n + j] = s;
                }
            }
            double[][] got = new double[2][];
            for (int threads = 1; threads <= 2; threads++) {
                Strided x = Host.allocate(dt, new long[]{1, n, n}), info = Host.allocate(DType.INT32, new long[]{1});
                switch (op) {
                    case "lu" -> LinalgKernels.luFactor(operand(a, n, n, dt, false), x,
                            Host.allocate(DType.INT32, new long[]{1, n}), info, threads, true);
                    case "cholesky" -> LinalgKernels.cholesky(operand(spd, n, n, dt, false), x, info, threads, true);
                    case "triangular" -> LinalgKernels.triangularSolve(operand(spd, n, n, dt, false),
                            operand(a, n, n, dt, false), false, false, x, threads, true);
                    case "qr" -> LinalgKernels.qr(operand(a, n, n, dt, false), x, Host.allocate(dt, new long[]{1, n, n}), threads, true);
                    case "eigh" -> LinalgKernels.eigh(operand(spd, n, n, dt, false), Host.allocate(dt, new long[]{1, n}), x, info,
                            threads, true);
                    default -> LinalgKernels.svd(operand(a, n, n, DType.FLOAT64, false), x, Host.allocate(DType.FLOAT64, new long[]{1, n}),
                            Host.allocate(DType.FLOAT64, new long[]{1, n, n}), info, threads, true);
                }
                got[threads - 1] = values(x);
            }
            assertArrayEquals(got[0], got[1], name + ": 1 and 2 threads");
        }));
    }

    private static void checkRectangularLu(int m, int n, DType dt) {
        Random rnd = new Random(7L * m + n);
        double[][] a = {random(rnd, m * n)};
        double tol = dt == DType.FLOAT64 ? 1e-12 : 2e-5;
        int k = Math.min(m, n);
        Strided[] lu = new Strided[2];
        int[][] piv = new int[2][];
        for (int f = 0; f < 2; f++) {
            lu[f] = Host.allocate(dt, new long[]{1, m, n});
            Strided p = Host.allocate(DType.INT32, new long[]{1, k}), info = Host.allocate(DType.INT32, new long[]{1});
            LinalgKernels.luFactor(operand(a, m, n, dt, false), lu[f], p, info, 1, f == 1);
            piv[f] = ((int[]) Host.array(p)).clone();
            assertEquals(0, ((int[]) Host.array(info))[0], "info");
        }
        assertArrayEquals(piv[0], piv[1], "pivots");
        assertClose(values(lu[0]), values(lu[1]), tol, "LU, SIMD vs scalar");
        double[] f = values(lu[1]), l = new double[m * k], u = new double[k * n], pa = dt == DType.FLOAT64 ? a[0].clone() : asStored(a[0], 0, dt);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (j < i && j < k) l[i * k + j] = f[i * n + j];
                else if (i < k) u[i * n + j] = f[i * n + j];
            }
            if (i < k) l[i * k + i] = 1;
        }
        for (int j = 0; j < k; j++) {
            int p = piv[1][j] - 1;
            assertTrue(p >= j && p < m, "pivot " + (p + 1) + " at step " + (j + 1));
            for (int c = 0; c < n; c++) {
                double t = pa[j * n + c];
                pa[j * n + c] = pa[p * n + c];
                pa[p * n + c] = t;
            }
        }
        for (double x : l) assertTrue(Math.abs(x) <= 1, "partial pivoting bounds L");
        assertClose(pa, product(l, u, m, k, n), tol * k, "P A = L U");
    }

    private static void checkTriangular(int n, int k, DType dt) {
        Random rnd = new Random(13L * n + k);
        double[][] tri = {random(rnd, n * n)}, rhs = {random(rnd, n * k)};
        for (int i = 0; i < n * n; i++) tri[0][i] = tri[0][i] / (n + 1) + (i % (n + 1) == 0 ? 1 : 0);
        double tol = dt == DType.FLOAT64 ? 1e-12 : 2e-5;
        for (boolean upper : new boolean[]{false, true}) {
            for (boolean unit : new boolean[]{false, true}) {
                String what = "triangular " + (upper ? "upper" : "lower") + (unit ? " unit" : "");
                Strided[] x = new Strided[2];
                for (int f = 0; f < 2; f++) {
                    x[f] = Host.allocate(dt, new long[]{1, n, k});
                    LinalgKernels.triangularSolve(operand(tri, n, n, dt, false), operand(rhs, n, k, dt, false),
                            upper, unit, x[f], 1, f == 1);
                }
                assertClose(values(x[0]), values(x[1]), tol, what + ", SIMD vs scalar");
                assertClose(asStored(rhs[0], 0, dt), product(triangle(asStored(tri[0], 0, dt), n, upper, unit), values(x[1]), n, n, k),
                        tol, what + ": A X = B");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> qrAndSvdAgreeAndHold() {
        return IntStream.rangeClosed(0, 3 * LANES + 1).boxed().flatMap(m -> Stream.of(m / 2, m, m + 3).distinct()
                .flatMap(n -> Stream.of(DType.FLOAT64, DType.FLOAT32).map(dt -> DynamicTest.dynamicTest(
                        m + "x" + n + " " + dt, () -> checkQrSvd(m, n, dt)))));
    }

    private static void checkQrSvd(int m, int n, DType dt) {
        Random rnd = new Random(1000L * m + n + dt.ordinal());
        double tol = dt == DType.FLOAT64 ? 1e-11 : 2e-5;
        int k = Math.min(m, n), batch = 2;
        double[][] a = {random(rnd, m * n), random(rnd, m * n)};
        boolean transposed = (m + n) % 2 == 1;
        for (boolean complete : new boolean[]{false, true}) {
            int qc = complete ? m : k;
            Strided[] q = new Strided[2], r = new Strided[2];
            for (int f = 0; f < 2; f++) {
                q[f] = Host.allocate(dt, new long[]{batch, m, qc});
                r[f] = Host.allocate(dt, new long[]{batch, qc, n});
                LinalgKernels.qr(operand(a, m, n, dt, transposed), q[f], r[f], 2, f == 1);
            }
            String what = complete ? "complete QR" : "QR";
            assertClose(values(q[0]), values(q[1]), tol, what + " Q, SIMD vs scalar");
            assertClose(values(r[0]), values(r[1]), tol, what + " R, SIMD vs scalar");
            for (int b = 0; b < batch; b++) {
                double[] qb = slice(values(q[1]), b, m * qc), rb = slice(values(r[1]), b, qc * n);
                for (int i = 0; i < qc; i++) for (int j = 0; j < Math.min(i, n); j++) assertEquals(0, rb[i * n + j], what + " R upper");
                assertClose(asStored(a[b], m * n, dt), product(qb, rb, m, qc, n), tol * 10, what + ": A = Q R");
                assertClose(identity(qc), product(transposeRect(qb, m, qc), qb, qc, m, qc), tol * 10, what + ": Qᵀ Q = I");
            }
        }
        for (boolean full : new boolean[]{false, true}) {
            int uc = full ? m : k, vr = full ? n : k;
            Strided[] u = new Strided[2], sv = new Strided[2], vh = new Strided[2];
            for (int f = 0; f < 2; f++) {
                u[f] = Host.allocate(dt, new long[]{batch, m, uc});
                sv[f] = Host.allocate(dt, new long[]{batch, k});
                vh[f] = Host.allocate(dt, new long[]{batch, vr, n});
                Strided info = Host.allocate(DType.INT32, new long[]{batch});
                LinalgKernels.svd(operand(a, m, n, dt, transposed), u[f], sv[f], vh[f], info, 2, f == 1);
                assertArrayEquals(new int[batch], (int[]) Host.array(info), "svd info");
            }
            String what = full ? "full SVD" : "SVD";
            assertClose(values(sv[0]), values(sv[1]), tol, what + " S, SIMD vs scalar");
            for (int b = 0; b < batch; b++) {
                double[] ub = slice(values(u[1]), b, m * uc), sb = slice(values(sv[1]), b, k), vb = slice(values(vh[1]), b, vr * n);
                for (int j = 1; j < k; j++) assertTrue(sb[j - 1] >= sb[j] && sb[j] >= 0, "descending, nonnegative");
                double[] us = new double[m * k];
                for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) us[i * k + j] = ub[i * uc + j] * sb[j];
                assertClose(asStored(a[b], m * n, dt), product(us, java.util.Arrays.copyOf(vb, k * n), m, k, n), tol * 10,
                        what + ": A = U S Vh");
                assertClose(identity(uc), product(transposeRect(ub, m, uc), ub, uc, m, uc), tol * 10, what + ": Uᵀ U = I");
                assertClose(identity(vr), product(vb, transposeRect(vb, vr, n), vr, n, vr), tol * 10, what + ": Vh Vhᵀ = I");
            }
        }
    }

    /**
     * Repeated eigenvalues (the all-ones matrix: 0 n-1 times and n; the identity; a zero matrix) still give an
     * orthonormal basis. The all-ones matrix's reduction leaves columns that decay geometrically into subnormal
     * numbers by n = 24: a reflector computed without rescaling divided by them and filled the result with NaN.
     */
    @TestFactory
    Stream<DynamicTest> repeatedEigenvalues() {
        return IntStream.concat(IntStream.rangeClosed(1, 3 * LANES + 1), IntStream.of(24, 40, 64)).boxed().distinct().flatMap(n -> Stream.of("ones", "identity", "zeros")
                .flatMap(kind -> Stream.of(true, false).map(simd -> DynamicTest.dynamicTest(kind + " " + n + (simd ? " SIMD" : " scalar"), () -> {
                    double[][] a = new double[1][n * n];
                    for (int i = 0; i < n * n; i++) a[0][i] = kind.equals("ones") ? 1 : kind.equals("identity") && i % (n + 1) == 0 ? 1 : 0;
                    Strided w = Host.allocate(DType.FLOAT64, new long[]{1, n}), v = Host.allocate(DType.FLOAT64, new long[]{1, n, n});
                    Strided info = Host.allocate(DType.INT32, new long[]{1});
                    LinalgKernels.eigh(operand(a, n, n, DType.FLOAT64, false), w, v, info, 1, simd);
                    assertEquals(0, ((int[]) Host.array(info))[0]);
                    double[] wb = values(w), vb = values(v);
                    double[] want = new double[n];
                    if (kind.equals("ones")) want[n - 1] = n;
                    if (kind.equals("identity")) java.util.Arrays.fill(want, 1);
                    assertClose(want, wb, 1e-13, "eigenvalues");
                    double[] vd = new double[n * n];
                    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) vd[i * n + j] = vb[i * n + j] * wb[j];
                    assertClose(product(a[0], vb, n, n, n), vd, 1e-12, "A V = V diag(w)");
                    assertClose(identity(n), product(transpose(vb, n), vb, n, n, n), 1e-12, "Vᵀ V = I");
                }))));
    }

    /** Rank one (the all-ones matrix) through QR and SVD: columns that decay into subnormal numbers stay finite. */
    @TestFactory
    Stream<DynamicTest> rankOneStaysFinite() {
        return Stream.of(true, false).map(simd -> DynamicTest.dynamicTest(simd ? "SIMD" : "scalar", () -> {
            int m = 48, n = 40;
            double[][] ones = new double[1][m * n];
            java.util.Arrays.fill(ones[0], 1);
            Strided q = Host.allocate(DType.FLOAT64, new long[]{1, m, n}), r = Host.allocate(DType.FLOAT64, new long[]{1, n, n});
            LinalgKernels.qr(operand(ones, m, n, DType.FLOAT64, false), q, r, 1, simd);
            assertClose(ones[0], product(values(q), values(r), m, n, n), 1e-12, "A = Q R");
            assertClose(identity(n), product(transposeRect(values(q), m, n), values(q), n, m, n), 1e-12, "Qᵀ Q = I");
            Strided u = Host.allocate(DType.FLOAT64, new long[]{1, m, n}), s = Host.allocate(DType.FLOAT64, new long[]{1, n});
            Strided vh = Host.allocate(DType.FLOAT64, new long[]{1, n, n}), info = Host.allocate(DType.INT32, new long[]{1});
            LinalgKernels.svd(operand(ones, m, n, DType.FLOAT64, false), u, s, vh, info, 1, simd);
            double[] sv = values(s);
            assertEquals(Math.sqrt(m * n), sv[0], 1e-10, "the one singular value");
            for (int j = 1; j < n; j++) assertEquals(0, sv[j], 1e-10, "the others");
            assertClose(identity(n), product(transposeRect(values(u), m, n), values(u), n, m, n), 1e-12, "Uᵀ U = I");
        }));
    }

    /**
     * Singular values spread from 1 down to 1e-12 (a tall and a wide A = U0 diag(s) V0ᵀ with random orthonormal U0, V0):
     * the preconditioned sweeps find every value to ε‖A‖, as LAPACK's, and keep U and V orthonormal.
     */
    @TestFactory
    Stream<DynamicTest> illConditionedSvd() {
        return Stream.of(new int[]{48, 40}, new int[]{40, 48}).flatMap(mn -> Stream.of(true, false).map(simd -> DynamicTest.dynamicTest(
                mn[0] + "x" + mn[1] + (simd ? " SIMD" : " scalar"), () -> {
                    int m = mn[0], n = mn[1], k = Math.min(m, n);
                    Random rnd = new Random(m * 100L + n);
                    double[] u0 = orthonormal(rnd, m), v0 = orthonormal(rnd, n), want = new double[k];
                    double[] a = new double[m * n];
                    for (int j = 0; j < k; j++) {
                        want[j] = Math.pow(10, -12.0 * j / (k - 1));
                        for (int r = 0; r < m; r++) for (int c = 0; c < n; c++) a[r * n + c] += u0[r * m + j] * want[j] * v0[c * n + j];
                    }
                    Strided u = Host.allocate(DType.FLOAT64, new long[]{1, m, k}), s = Host.allocate(DType.FLOAT64, new long[]{1, k});
                    Strided vh = Host.allocate(DType.FLOAT64, new long[]{1, k, n}), info = Host.allocate(DType.INT32, new long[]{1});
                    LinalgKernels.svd(operand(new double[][]{a}, m, n, DType.FLOAT64, false), u, s, vh, info, 1, simd);
                    assertEquals(0, ((int[]) Host.array(info))[0]);
                    assertClose(want, values(s), 1e-13, "singular values");
                    double[] us = values(u), sv = values(s);
                    for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) us[i * k + j] *= sv[j];
                    assertClose(a, product(us, values(vh), m, k, n), 1e-13, "A = U S Vh");
                    assertClose(identity(k), product(transposeRect(values(u), m, k), values(u), k, m, k), 1e-13, "Uᵀ U = I");
                    assertClose(identity(k), product(values(vh), transposeRect(values(vh), k, n), k, n, k), 1e-13, "Vh Vhᵀ = I");
                })));
    }

    /**
     * Columns scaled by 2^0 .. 2^-31 in shuffled order (A = B D): the SVD holds column by column to relative precision,
     * which the plain sweeps give and the Gram-matrix preconditioning, whose errors are ε times the largest column, does
     * not (up to 1e-7 of a small column's norm; with the columns sorted by scale the Gram matrix's eigenvectors come out
     * graded too, and the preconditioned path passes). Every singular value stays above the cut below which vectors are
     * completed instead (ε max(m, n) times the largest).
     */
    @TestFactory
    Stream<DynamicTest> gradedColumnsKeepRelativeAccuracy() {
        return Stream.of(true, false).map(simd -> DynamicTest.dynamicTest(simd ? "SIMD" : "scalar", () -> {
            int m = 40, n = 32;
            double[] a = random(new Random(7), m * n);
            int[] scale = new int[n];
            for (int j = 0; j < n; j++) scale[j] = j;
            Random rp = new Random(11);
            for (int j = n - 1; j > 0; j--) { int t = rp.nextInt(j + 1), x = scale[j]; scale[j] = scale[t]; scale[t] = x; }
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a[i * n + j] = Math.scalb(a[i * n + j], -scale[j]);
            Strided u = Host.allocate(DType.FLOAT64, new long[]{1, m, n}), s = Host.allocate(DType.FLOAT64, new long[]{1, n});
            Strided vh = Host.allocate(DType.FLOAT64, new long[]{1, n, n}), info = Host.allocate(DType.INT32, new long[]{1});
            LinalgKernels.svd(operand(new double[][]{a}, m, n, DType.FLOAT64, false), u, s, vh, info, 1, simd);
            assertEquals(0, ((int[]) Host.array(info))[0]);
            double[] us = values(u), sv = values(s);
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) us[i * n + j] *= sv[j];
            double[] back = product(us, values(vh), m, n, n);
            for (int j = 0; j < n; j++) {
                double norm = 0, err = 0;
                for (int i = 0; i < m; i++) {
                    norm += a[i * n + j] * a[i * n + j];
                    err += (a[i * n + j] - back[i * n + j]) * (a[i * n + j] - back[i * n + j]);
                }
                assertTrue(Math.sqrt(err) <= 1e-13 * Math.sqrt(norm), "column " + j + ": |A - U S Vh| " + Math.sqrt(err) + " against |A| " + Math.sqrt(norm));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> failuresAreReportedInInfo() {
        return Stream.of(true, false).map(simd -> DynamicTest.dynamicTest(simd ? "SIMD" : "scalar", () -> {
            // a zero column at step 2 (1-based), a matrix whose second leading minor is not positive, a NaN matrix
            double[][] singular = {{2, 4, 1, 1, 2, 3, 4, 8, 5}}; // the eliminations are exact
            Strided lu = Host.allocate(DType.FLOAT64, new long[]{1, 3, 3}), p = Host.allocate(DType.INT32, new long[]{1, 3});
            Strided info = Host.allocate(DType.INT32, new long[]{1});
            LinalgKernels.luFactor(operand(singular, 3, 3, DType.FLOAT64, false), lu, p, info, 1, simd);
            assertEquals(2, ((int[]) Host.array(info))[0], "zero pivot at step 2");
            // a zero column (twice the first) inside a leaf: the next column still searches for its pivot, here row 5
            double[][] zeroColumn = {{4, 8, 0, 1, 0, 2, 4, 0, 0, 1, 1, 2, 1, 0, 0, 1, 2, 0, 1, 0, 2, 4, 3, 0, 1}};
            Strided lu5 = Host.allocate(DType.FLOAT64, new long[]{1, 5, 5}), p5 = Host.allocate(DType.INT32, new long[]{1, 5});
            LinalgKernels.luFactor(operand(zeroColumn, 5, 5, DType.FLOAT64, false), lu5, p5, info, 1, simd);
            assertEquals(2, ((int[]) Host.array(info))[0], "zero pivot at step 2 of 5");
            assertArrayEquals(new int[]{1, 2, 5}, java.util.Arrays.copyOf((int[]) Host.array(p5), 3), "pivots after the zero column");
            double[][] indefinite = {{1, 2, 2, 1}};
            Strided l = Host.allocate(DType.FLOAT64, new long[]{1, 2, 2});
            LinalgKernels.cholesky(operand(indefinite, 2, 2, DType.FLOAT64, false), l, info, 1, simd);
            assertEquals(2, ((int[]) Host.array(info))[0], "second minor");
            // past the first block and inside a recursive split: the identity with -1 at (69, 69)
            double[][] late = new double[1][80 * 80];
            for (int i = 0; i < 80; i++) late[0][i * 81] = i == 69 ? -1 : 1;
            Strided l80 = Host.allocate(DType.FLOAT64, new long[]{1, 80, 80});
            LinalgKernels.cholesky(operand(late, 80, 80, DType.FLOAT64, false), l80, info, 1, simd);
            assertEquals(70, ((int[]) Host.array(info))[0], "the 70th minor");
            double[][] nan = {{1, 0.5, 0.2, 0.5, Double.NaN, 0.3, 0.2, 0.3, 2}};
            Strided w = Host.allocate(DType.FLOAT64, new long[]{1, 3}), v = Host.allocate(DType.FLOAT64, new long[]{1, 3, 3});
            LinalgKernels.eigh(operand(nan, 3, 3, DType.FLOAT64, false), w, v, info, 1, simd);
            assertEquals(0, ((int[]) Host.array(info))[0], "NaN input gives NaN results, as LAPACK's");
            for (double x : values(w)) assertTrue(Double.isNaN(x));
        }));
    }

    // ---------------------------------------------------------------- helpers

    private static double[] random(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextDouble() * 2 - 1;
        return x;
    }

    /** A [batch, rows, cols] operand holding {@code m} (row-major per batch), or its transpose's storage viewed transposed. */
    private static Strided operand(double[][] m, int rows, int cols, DType dt, boolean transposed) {
        int batch = m.length;
        Strided s = Host.allocate(dt, new long[]{batch, rows, cols});
        Object arr = Host.array(s);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    // transposed: element (i, j) stored at (j, i), read back through swapped strides
                    int at = b * rows * cols + (transposed ? j * rows + i : i * cols + j);
                    Host.setFloating(arr, at, m[b][i * cols + j]);
                }
            }
        }
        if (!transposed) return s;
        return new Strided(s.storage(), dt, new long[]{batch, rows, cols}, new long[]{(long) rows * cols, 1, rows}, 0);
    }

    /** A random n×n orthogonal matrix (row-major): Gram-Schmidt, twice, on random columns. */
    private static double[] orthonormal(Random rnd, int n) {
        double[] q = random(rnd, n * n); // rows here, transposed at the end
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double d = 0;
                    for (int c = 0; c < n; c++) d += q[i * n + c] * q[j * n + c];
                    for (int c = 0; c < n; c++) q[j * n + c] -= d * q[i * n + c];
                }
            }
            double norm = 0;
            for (int c = 0; c < n; c++) norm += q[j * n + c] * q[j * n + c];
            for (int c = 0; c < n; c++) q[j * n + c] /= Math.sqrt(norm);
        }
        return transpose(q, n);
    }

    private static double[] values(Strided s) {
        Object a = Host.array(s);
        double[] r = new double[Math.toIntExact(s.numel())];
        for (int i = 0; i < r.length; i++) r[i] = Host.floating(a, i);
        return r;
    }

    /** The values as the operand stored them (float32 rounds). */
    private static double[] asStored(double[] m, int n, DType dt) {
        double[] r = m.clone();
        if (dt == DType.FLOAT32) for (int i = 0; i < r.length; i++) r[i] = (float) r[i];
        return r;
    }

    private static double[] slice(double[] all, int b, int size) { return java.util.Arrays.copyOfRange(all, b * size, (b + 1) * size); }

    private static double[] transpose(double[] m, int n) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) t[j * n + i] = m[i * n + j];
        return t;
    }

    private static double[] transposeRect(double[] x, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
        return t;
    }

    private static double[] identity(int n) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) t[i * n + i] = 1;
        return t;
    }

    private static double[] triangle(double[] m, int n, boolean upper, boolean unit) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) t[i * n + j] = unit ? 1 : m[i * n + j];
                else if (upper ? j > i : j < i) t[i * n + j] = m[i * n + j];
            }
        }
        return t;
    }

    private static double[] product(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double s = 0;
            for (int q = 0; q < k; q++) s += a[i * k + q] * b[q * n + j];
            c[i * n + j] = s;
        }
        return c;
    }

    private static void assertLuHolds(double[] a, double[] lu, int[] piv, int b, int n, double tol) {
        double[] f = slice(lu, b, n * n);
        double[] l = new double[n * n], u = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j < i) l[i * n + j] = f[i * n + j];
                else u[i * n + j] = f[i * n + j];
            }
            l[i * n + i] = 1;
        }
        double[] pa = a.clone();
        for (int j = 0; j < n; j++) {
            int p = piv[b * n + j] - 1;
            assertTrue(p >= j && p < n, "pivot " + (p + 1) + " at step " + (j + 1));
            for (int c = 0; c < n; c++) {
                double t = pa[j * n + c];
                pa[j * n + c] = pa[p * n + c];
                pa[p * n + c] = t;
            }
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) assertTrue(Math.abs(l[i * n + j]) <= 1, "partial pivoting bounds L");
        assertClose(pa, product(l, u, n, n, n), tol * n, "P A = L U");
    }

    private static void assertClose(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double scale = 1;
        for (double x : want) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - got[i]) <= tol * scale)) {
                throw new AssertionError(what + ": element " + i + " expected " + want[i] + " got " + got[i]);
            }
        }
    }
}

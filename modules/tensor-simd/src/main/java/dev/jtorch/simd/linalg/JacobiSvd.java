package dev.jtorch.simd.linalg;

/**
 * Singular value decomposition of one dense row-major m×n matrix by one-sided (Hestenes) Jacobi:
 * column pairs are rotated until every pair is orthogonal to √m·ε (LAPACK's gesvj tolerance); the column
 * norms are then the singular values and the normalised columns U. The columns are first rotated onto the
 * eigenvectors of their Gram matrix (see {@link #precondition}), which leaves the sweeps little to do; a
 * matrix whose columns' norms (a wide matrix's rows') differ by more than {@link #GRADED} skips that step and
 * keeps the plain sweeps' high relative accuracy in its small columns.
 * Singular vectors' signs are arbitrary (LAPACK's choice can differ); vectors of zero singular values,
 * and the extra columns of full U or V, are completed to an orthonormal basis.
 */
final class JacobiSvd {
    private JacobiSvd() {}

    private static final int MAX_SWEEPS = 80;

    /** The status of an input with NaN or infinite entries (LAPACK fails on those too). */
    static final int NON_FINITE = -1;
    private static final double EPS = 0x1p-52;
    /** Fewer columns than this go straight to the sweeps. */
    static final int PRECONDITION_MIN_RANK = 8;
    /**
     * Columns whose nonzero norms differ by more than this factor are not preconditioned: rotating them onto the Gram
     * matrix's eigenvectors mixes each column with errors of ε times the largest, which a small column keeps (40×32
     * with columns scaled by 2^0 .. 2^-31 in shuffled order: A = U S Vh held to 1e-7 of a small column's norm, against
     * 1e-13 by the plain sweeps).
     */
    static final double GRADED = 0x1p10;

    /**
     * Writes s (descending, k = min(m, n)), u (row-major m×uCols) and vt (row-major vRows×n), where uCols and
     * vRows are k, or m and n with {@code full}. Returns 0; {@link #NON_FINITE} (nothing written) when the
     * input holds NaN or an infinity; or 1 when the sweeps did not converge.
     */
    static int decompose(double[] a, int m, int n, boolean full, double[] s, double[] u, double[] vt, RowOps ops) {
        int k = Math.min(m, n), uCols = full ? m : k, vRows = full ? n : k;
        for (int i = 0; i < m * n; i++) if (!Double.isFinite(a[i])) return NON_FINITE;
        boolean tall = m >= n;
        // Rotate the rows of w (the columns of A, or of Aᵀ when A is wide): p = max(m, n) long, r = k of them.
        int p = tall ? m : n, r = k;
        double[] w = new double[r * p], v = new double[r * r];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (tall) w[j * p + i] = a[i * n + j];
                else w[i * p + j] = a[i * n + j];
            }
        }
        if (!(r >= PRECONDITION_MIN_RANK && !graded(w, r, p, ops) && precondition(w, v, r, p, ops))) {
            for (int i = 0; i < r; i++) v[i * r + i] = 1;
        }
        int status = orthogonalize(w, v, r, p, ops);
        // Sort by norm, descending; normalise.
        double[] norms = new double[r];
        Integer[] order = new Integer[r];
        for (int j = 0; j < r; j++) {
            norms[j] = Math.sqrt(ops.dot(w, j * p, w, j * p, p));
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(norms[y], norms[x]));
        double tiny = (r == 0 ? 0 : norms[order[0]]) * Math.max(m, n) * EPS;
        // left: the normalised rotated rows (length p); right: the accumulated rotations (length r)
        double[] left = new double[p * p], right = new double[r * r];
        boolean[] valid = new boolean[p];
        for (int j = 0; j < r; j++) {
            int src = order[j];
            s[j] = norms[src];
            valid[j] = norms[src] > tiny && norms[src] > 0;
            if (valid[j]) for (int c = 0; c < p; c++) left[j * p + c] = w[src * p + c] / norms[src];
            System.arraycopy(v, src * r, right, j * r, r);
        }
        int leftRows = tall ? uCols : vRows;
        complete(left, p, leftRows, valid, ops);
        // tall: U's columns are left's rows and Vᵀ's rows right's (V is r×r, full either way); wide: the roles swap.
        if (tall) {
            for (int i = 0; i < m; i++) for (int j = 0; j < uCols; j++) u[i * uCols + j] = left[j * p + i];
            for (int i = 0; i < vRows; i++) System.arraycopy(right, i * r, vt, i * n, n);
        } else {
            for (int i = 0; i < m; i++) for (int j = 0; j < uCols; j++) u[i * uCols + j] = right[j * r + i];
            for (int i = 0; i < vRows; i++) System.arraycopy(left, i * p, vt, i * n, n);
        }
        return status;
    }

    /** Whether the nonzero norms of w's r rows (of length p) differ by more than {@link #GRADED}. */
    private static boolean graded(double[] w, int r, int p, RowOps ops) {
        double least = Double.POSITIVE_INFINITY, most = 0;
        for (int i = 0; i < r; i++) {
            double sq = ops.dot(w, i * p, w, i * p, p);
            if (sq == 0) continue;
            least = Math.min(least, sq);
            most = Math.max(most, sq);
        }
        return most > GRADED * GRADED * least;
    }

    /**
     * Sets v to {@code -Qᵀ} and w to {@code -Qᵀ w}, where Q holds the eigenvectors of the Gram matrix {@code w wᵀ}
     * (r×r, formed and rotated by the float64 GEMM): w's rows are then orthogonal but for rounding, and the sweeps have
     * little left to do. Random 128×128 (2026-11-24, AVX2 VM): 12 sweeps plain, 6 after this, 3-4 with the √m·ε
     * tolerance too (which alone saves 0-1); 9.4-10.6 -> 2.8-2.9 ms. The sign comes from the GEMM, which subtracts;
     * any orthogonal start is as good. Returns false, with w untouched, if the eigensolver fails.
     */
    private static boolean precondition(double[] w, double[] v, int r, int p, RowOps ops) {
        double[] gram = new double[r * r];
        ops.subtractProduct(w, 0, p, 1, w, 0, 1, p, gram, 0, r, r, r, p);
        double[] values = new double[r], q = new double[r * r];
        if (SymmetricEigen.decompose(gram, r, values, q, ops) != 0) return false;
        double[] rotated = new double[r * p];
        ops.subtractProduct(q, 0, 1, r, w, 0, p, 1, rotated, 0, p, r, p, r);
        System.arraycopy(rotated, 0, w, 0, r * p);
        for (int i = 0; i < r; i++) for (int j = 0; j < r; j++) v[i * r + j] = -q[j * r + i];
        return true;
    }

    /**
     * Rotates pairs of w's rows (and v's, alike) until all are orthogonal to √p·ε; 1 if it did not converge. The
     * rows' squared norms are computed at the start of each sweep and then carried through each rotation, which zeroes
     * the pair's inner product gamma: {@code alpha - t gamma} and {@code beta + t gamma} (as LAPACK's gesvj), so that a
     * pair costs one inner product instead of three; a norm that this would shrink below half is computed again
     * instead, since the subtraction then loses digits.
     */
    private static int orthogonalize(double[] w, double[] v, int r, int p, RowOps ops) {
        double[] sq = new double[r];
        double tol = Math.sqrt(p) * EPS;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int i = 0; i < r; i++) sq[i] = ops.dot(w, i * p, w, i * p, p);
            for (int i = 0; i < r - 1; i++) {
                for (int j = i + 1; j < r; j++) {
                    double alpha = sq[i], beta = sq[j];
                    double gamma = ops.dot(w, i * p, w, j * p, p);
                    if (gamma == 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t), s = c * t;
                    ops.rotate(w, i * p, w, j * p, p, c, s);
                    ops.rotate(v, i * r, v, j * r, r, c, s);
                    double a2 = alpha - t * gamma, b2 = beta + t * gamma;
                    sq[i] = a2 >= 0.5 * alpha ? a2 : ops.dot(w, i * p, w, i * p, p);
                    sq[j] = b2 >= 0.5 * beta ? b2 : ops.dot(w, j * p, w, j * p, p);
                }
            }
            if (!rotated) return 0;
        }
        return 1;
    }

    /**
     * Makes rows 0..rows-1 of {@code q} (row length p) orthonormal: rows not marked valid (and rows past the
     * marked ones) become unit vectors orthogonal to all the others. Each is the standard basis vector least
     * covered by the rows so far (its residual is at least 1/sqrt(p)), orthogonalized by Gram-Schmidt twice.
     */
    static void complete(double[] q, int p, int rows, boolean[] valid, RowOps ops) {
        boolean[] done = new boolean[rows];
        for (int j = 0; j < rows; j++) done[j] = j < valid.length && valid[j];
        for (int j = 0; j < rows; j++) {
            if (done[j]) continue;
            int best = 0;
            double least = Double.POSITIVE_INFINITY;
            for (int e = 0; e < p; e++) {
                double covered = 0;
                for (int i = 0; i < rows; i++) if (done[i]) covered += q[i * p + e] * q[i * p + e];
                if (covered < least) {
                    least = covered;
                    best = e;
                }
            }
            java.util.Arrays.fill(q, j * p, j * p + p, 0.0);
            q[j * p + best] = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < rows; i++) {
                    if (!done[i]) continue;
                    ops.axpy(-ops.dot(q, i * p, q, j * p, p), q, i * p, q, j * p, p);
                }
            }
            double norm = Math.sqrt(ops.dot(q, j * p, q, j * p, p));
            for (int c = 0; c < p; c++) q[j * p + c] /= norm;
            done[j] = true;
        }
    }

}

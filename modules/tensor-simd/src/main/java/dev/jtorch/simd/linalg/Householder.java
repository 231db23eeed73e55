package dev.jtorch.simd.linalg;

/**
 * QR of one dense row-major m×n matrix by Householder reflections, as LAPACK's geqrf/orgqr define it:
 * reflector j maps column j below the diagonal onto {@code beta e_j} with {@code beta = -sign(a_jj) ||x||},
 * so R's diagonal signs (and Q's columns) come out as LAPACK's.
 */
final class Householder {
    private Householder() {}

    /**
     * The reflector that maps (alpha, x) onto (beta, 0): {@code v = (1, x / (amax * divisor))}, {@code H = I - tau v vᵀ}.
     * Worked out on the vector scaled by its largest magnitude {@code amax} (norm included), so that columns whose
     * entries have decayed into subnormal numbers neither divide by one nor take a norm rounded to a subnormal's
     * few bits, which made H measurably non-orthogonal (LAPACK's larfg rescales likewise).
     */
    record Reflector(double beta, double tau, double amax, double divisor) {
        /**
         * From alpha, x's largest magnitude (alpha's included) and the norm of x / amax; null when x is zero
         * (H = I).
         */
        static Reflector of(double alpha, double scaledNorm, double amax) {
            if (scaledNorm == 0 || amax == 0) return null;
            double as = alpha / amax;
            double bs = -Math.copySign(Math.hypot(as, scaledNorm), as);
            return new Reflector(bs * amax, (bs - as) / bs, amax, as - bs);
        }

        double v(double x) { return x / amax / divisor; }
    }

    /** Reflectors per block: the depth of the blocked updates' products. */
    static final int BLOCK = 32;

    /**
     * Factorizes {@code a} in place: R on and above the diagonal, reflector j's vector (its leading 1 implied)
     * below it; returns the reflectors' scales tau. Blocked as LAPACK's geqrf: the reflectors of {@link #BLOCK} columns
     * are found and applied within those columns ({@link #panel}), then the columns right of them take the whole block
     * at once, {@code I - V Tᵀ Vᵀ} ({@link #applyBlock}), as matrix products.
     */
    static double[] factor(double[] a, int m, int n, RowOps ops) {
        int k = Math.min(m, n);
        double[] tau = new double[k], columns = new double[m * Math.min(BLOCK, k)]; // the panels' column-major copies
        for (int j0 = 0; j0 < k; j0 += BLOCK) {
            int j1 = Math.min(k, j0 + BLOCK);
            panel(a, m, n, j0, j1, tau, ops, columns);
            if (j1 < n) applyBlock(a, n, j1, n - j1, a, n, m, j0, j1, tau, true, ops);
        }
        return tau;
    }

    /**
     * The reflectors of columns j0..j1, found and applied within those columns one at a time, as LAPACK's geqr2: on a
     * column-major copy of those columns (rows j0..m), where each reflector is applied to a column by a dot product and
     * an axpy down contiguous columns; in place, it took two short runs along every row, rows n doubles apart (qr
     * 512×256, 1 thread, best calls in three alternations: float32 6.51-6.81 -> 5.20-5.28 ms, float64 7.95-8.27 ->
     * 6.79-6.92 ms).
     */
    private static void panel(double[] a, int m, int n, int j0, int j1, double[] tau, RowOps ops, double[] x) {
        int rows = m - j0, jb = j1 - j0;
        ColumnMajor.load(a, n, j0, j0, rows, jb, x);
        for (int c = 0; c < jb; c++) {
            int col = c * rows, below = rows - c - 1;
            Reflector h = reflector(x[col + c], x, col + c + 1, below, 1);
            if (h == null) continue; // already zero below the diagonal: H = I
            double t = tau[j0 + c] = h.tau();
            for (int i = col + c + 1; i < col + rows; i++) x[i] = h.v(x[i]);
            x[col + c] = h.beta();
            for (int d = c + 1; d < jb; d++) { // column d -= tau v (vᵀ column d), v = (1, x[col + c + 1 ..])
                int cd = d * rows;
                double f = -t * (x[cd + c] + ops.dot(x, col + c + 1, x, cd + c + 1, below));
                x[cd + c] += f;
                ops.axpy(f, x, col + c + 1, x, cd + c + 1, below);
            }
        }
        ColumnMajor.store(x, a, n, j0, j0, rows, jb);
    }

    /**
     * The reflector that maps (alpha, x) onto (beta, 0), x the {@code count} entries {@code x[start + i*stride]}; null when x
     * is zero. The norm is a sum of squares of the entries divided by the largest of them (each at most 1, the largest
     * exactly 1: nothing overflows, and the terms that matter do not underflow), then scaled to the largest magnitude,
     * alpha's included: one square root instead of a hypot per entry.
     */
    static Reflector reflector(double alpha, double[] x, int start, int count, int stride) {
        double xmax = 0;
        for (int i = 0, at = start; i < count; i++, at += stride) xmax = Math.max(xmax, Math.abs(x[at]));
        double amax = Math.max(Math.abs(alpha), xmax);
        if (xmax == 0) return Reflector.of(alpha, 0, amax);
        double sum = 0;
        for (int i = 0, at = start; i < count; i++, at += stride) {
            double y = x[at] / xmax;
            sum += y * y;
        }
        return Reflector.of(alpha, xmax / amax * Math.sqrt(sum), amax);
    }

    /**
     * Q's first {@code cols} columns (k ≤ cols ≤ m) from the factored {@code a}, row-major m×cols:
     * {@code H_0 ... H_{k-1}} applied to the identity's columns, the last block of reflectors first, each block at once
     * (rows and columns before the block's first are still the identity's there, and stay so).
     */
    static double[] formQ(double[] a, int m, int n, double[] tau, int cols, RowOps ops) {
        double[] q = new double[m * cols];
        for (int i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
        int k = tau.length;
        for (int j0 = k == 0 ? -1 : (k - 1) / BLOCK * BLOCK; j0 >= 0; j0 -= BLOCK) {
            applyBlock(q, cols, j0, cols - j0, a, n, m, j0, Math.min(k, j0 + BLOCK), tau, false, ops);
        }
        return q;
    }

    /**
     * Rows j0..m of columns c0..c0+len of the row-major {@code x} (row length xn) times {@code H_j0 ... H_j1-1} = I - V T Vᵀ
     * (LAPACK's larfb), or its transpose: V the reflectors' vectors (unit lower trapezoid, from {@code a}), T the upper
     * triangular factor of {@link #triangularFactor}. X -= V (T or Tᵀ) (Vᵀ X), two products and a small triangular one.
     */
    private static void applyBlock(double[] x, int xn, int c0, int len, double[] a, int an, int m, int j0, int j1, double[] tau,
                                   boolean transposed, RowOps ops) {
        int jb = j1 - j0, h = m - j0;
        if (len <= 0 || jb <= 0) return;
        double[] v = new double[h * jb];
        for (int i = 0; i < h; i++) {
            for (int c = 0; c <= Math.min(i, jb - 1); c++) v[i * jb + c] = i == c ? 1 : a[(j0 + i) * an + j0 + c];
        }
        double[] t = triangularFactor(v, h, jb, tau, j0, ops);
        double[] w = new double[jb * len]; // -Vᵀ X
        ops.subtractProduct(v, 0, 1, jb, x, j0 * xn + c0, xn, 1, w, 0, len, jb, len, h);
        double[] y = new double[jb * len]; // T Vᵀ X or Tᵀ Vᵀ X
        for (int i = 0; i < jb; i++) {
            for (int r = transposed ? 0 : i, end = transposed ? i + 1 : jb; r < end; r++) {
                double tir = transposed ? t[r * jb + i] : t[i * jb + r];
                if (tir != 0) ops.axpy(-tir, w, r * len, y, i * len, len);
            }
        }
        ops.subtractProduct(v, 0, jb, 1, y, 0, len, 1, x, j0 * xn + c0, xn, h, len, jb);
    }

    /**
     * The jb×jb upper triangular T with {@code H_j0 ... H_j1-1 = I - V T Vᵀ} (LAPACK's larft, forward, by columns):
     * {@code T[i][i] = tau_i} and {@code T[0..i, i] = -tau_i T[0..i, 0..i] Vᵀ[0..i] v_i}, the inner products from one
     * product Vᵀ V.
     */
    private static double[] triangularFactor(double[] v, int h, int jb, double[] tau, int j0, RowOps ops) {
        double[] g = new double[jb * jb]; // -Vᵀ V
        ops.subtractProduct(v, 0, 1, jb, v, 0, jb, 1, g, 0, jb, jb, jb, h);
        double[] t = new double[jb * jb];
        for (int i = 0; i < jb; i++) {
            double ti = tau[j0 + i];
            t[i * jb + i] = ti;
            if (ti == 0) continue; // H_i = I: its column of T is zero
            for (int r = 0; r < i; r++) {
                double s = 0;
                for (int q = r; q < i; q++) s += t[r * jb + q] * g[q * jb + i];
                t[r * jb + i] = ti * s;
            }
        }
        return t;
    }
}

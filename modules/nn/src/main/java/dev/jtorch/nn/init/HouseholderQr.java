package dev.jtorch.nn.init;

/** A small Householder QR on host arrays, for {@link Init#orthogonal_}. */
final class HouseholderQr {
    private HouseholderQr() {}

    /**
     * The thin Q (m × n, row-major) of the m × n matrix {@code a} (m ≥ n, row-major; overwritten), with each
     * column multiplied by the sign of R's diagonal entry, so that the result is the Q of the QR whose R has a
     * non-negative diagonal (what {@code torch.linalg.qr} followed by PyTorch's sign fix gives).
     */
    static double[] signedQ(double[] a, int m, int n) {
        double[][] vs = new double[n][];
        double[] rDiag = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) norm = Math.hypot(norm, a[i * n + k]);
            double x0 = a[k * n + k];
            double alpha = x0 > 0 ? -norm : norm;
            double[] v = new double[m - k];
            for (int i = k; i < m; i++) v[i - k] = a[i * n + k];
            v[0] -= alpha;
            double vnorm = 0;
            for (double e : v) vnorm = Math.hypot(vnorm, e);
            if (vnorm == 0) { // the column is already zero below the diagonal: no reflection
                vs[k] = null;
                rDiag[k] = x0;
                continue;
            }
            for (int i = 0; i < v.length; i++) v[i] /= vnorm;
            for (int j = k; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * a[i * n + j];
                for (int i = k; i < m; i++) a[i * n + j] -= 2 * v[i - k] * dot;
            }
            vs[k] = v;
            rDiag[k] = a[k * n + k];
        }
        double[] q = new double[m * n];
        for (int i = 0; i < n; i++) q[i * n + i] = 1;
        for (int k = n - 1; k >= 0; k--) {
            double[] v = vs[k];
            if (v == null) continue;
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * q[i * n + j];
                for (int i = k; i < m; i++) q[i * n + j] -= 2 * v[i - k] * dot;
            }
        }
        for (int j = 0; j < n; j++) {
            double s = Math.signum(rDiag[j]);
            for (int i = 0; i < m; i++) q[i * n + j] *= s;
        }
        return q;
    }
}

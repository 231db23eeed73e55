package dev.jtorch.nn.init;

/** erf and its inverse in double precision on the host (Java's Math has neither), for {@link Init#truncNormal_}. */
final class ErrorFunction {
    private ErrorFunction() {}

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    /** Taylor series below 2.5 (at most ~1e-14 relative error), Laplace's continued fraction for erfc above. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            double x2 = ax * ax, term = ax, sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
            }
            r = TWO_OVER_SQRT_PI * sum;
        } else {
            double f = ax;
            for (int n = 80; n >= 1; n--) f = ax + (n / 2.0) / f;
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }

    /** The inverse of erf on (-1, 1) (±inf at ±1): Giles' single-precision approximation refined by Newton steps. */
    static double erfinv(double x) {
        if (Double.isNaN(x) || x < -1 || x > 1) return Double.NaN;
        if (x == 1) return Double.POSITIVE_INFINITY;
        if (x == -1) return Double.NEGATIVE_INFINITY;
        double w = -Math.log((1 - x) * (1 + x));
        double p;
        if (w < 5) {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w;
            p = -3.5233877e-06 + p * w;
            p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w;
            p = -0.00125372503 + p * w;
            p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w;
            p = 1.50140941 + p * w;
        } else {
            w = Math.sqrt(w) - 3;
            p = -0.000200214257;
            p = 0.000100950558 + p * w;
            p = 0.00134934322 + p * w;
            p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w;
            p = -0.0076224613 + p * w;
            p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w;
            p = 2.83297682 + p * w;
        }
        double y = p * x;
        for (int i = 0; i < 3; i++) y -= (erf(y) - x) / (TWO_OVER_SQRT_PI * Math.exp(-y * y));
        return y;
    }
}

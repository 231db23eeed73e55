package dev.jtorch.simd.kernels;

/** Scalar maths that {@link Math} lacks or defines differently from PyTorch. */
public final class ScalarMath {
    private ScalarMath() {}

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;        // 2/sqrt(pi), rounded
    private static final double TWO_OVER_SQRT_PI_LO = 1.533545961316588e-17;   // 2/sqrt(pi) - TWO_OVER_SQRT_PI
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
    private static final double LN2 = 0.6931471805599453;
    private static final double SQRT2 = 1.4142135623730951;
    public static final double SQRT1_2 = 0.7071067811865476;

    /** Maclaurin coefficients of erf(x) / (2x/sqrt(pi)) in x^2: (-1)^n / (n! (2n+1)). */
    private static final double[] ERF_SERIES = new double[28];

    static {
        double factorial = 1;
        for (int n = 0; n < ERF_SERIES.length; n++) {
            if (n > 0) factorial *= n;
            ERF_SERIES[n] = (n % 2 == 0 ? 1 : -1) / (factorial * (2 * n + 1));
        }
    }

    // ---------------------------------------------------------------- erf

    /**
     * The error function in double precision, within about 2 ulp: the Maclaurin series (Horner form)
     * below 1.25, {@code 1 - erfc} with erfc's continued fraction above, 1 beyond 6.
     */
    public static double erf(double x) {
        if (x != x) return x;
        double ax = Math.abs(x);
        double r;
        if (ax < 1.25) r = erfSeries(ax);
        else if (ax < 6) r = 1.0 - erfcContinuedFraction(ax);
        else r = 1.0;
        return Math.copySign(r, x);
    }

    /**
     * The complementary error function: 1 − erf(x) below 0.5 (erf(0.5) ≈ 0.52: under a bit lost), erfc's continued
     * fraction above, where 1 − erf would lose digits (all of them far out); 0 beyond 27 (underflow).
     */
    public static double erfc(double x) {
        if (x != x) return x;
        if (x < 0.5) return 1.0 - erf(x);
        if (x < 27) return erfcContinuedFraction(x);
        return 0.0;
    }

    /**
     * The inverse error function: Giles' single-precision approximation ("Approximating the erfinv function", 2010)
     * as the start, then Newton steps on erf(x) − y, each doubling the correct digits; ±inf at ±1, NaN beyond.
     */
    public static double erfinv(double y) {
        if (!(Math.abs(y) <= 1)) return Double.NaN;
        if (Math.abs(y) == 1) return Math.copySign(Double.POSITIVE_INFINITY, y);
        if (y == 0) return y;
        double w = -Math.log((1 - y) * (1 + y)), p;
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
        // Newton on erf(x) = y near 0; in the tails on erfc(|x|) = 1 - |y| (exact for |y| >= 0.5), whose relative
        // accuracy holds where erf's absolute error, amplified by the flat slope, would cost x its last digits
        double ax = Math.abs(p * y), target = 1 - Math.abs(y);
        boolean tail = Math.abs(y) >= 0.5;
        for (int i = 0; i < 4; i++) {
            double slope = TWO_OVER_SQRT_PI * expMinusSquare(ax);
            if (slope == 0) break; // |y| within an ulp of 1: erf is flat in double, x is as good as it gets
            double step = tail ? (target - erfc(ax)) / slope : (erf(ax) - Math.abs(y)) / slope;
            ax -= step;
            if (Math.abs(step) <= Math.ulp(ax)) break;
        }
        return Math.copySign(ax, y);
    }

    private static double erfSeries(double x) {
        double y = x * x;
        int n = 1;
        double term = 1;
        while (n < ERF_SERIES.length - 1) {  // enough terms for the last one to be negligible
            term *= y / n;
            if (term / (2 * n + 1) < 1e-18) break;
            n++;
        }
        double p = ERF_SERIES[n];
        for (int k = n - 1; k >= 1; k--) p = p * y + ERF_SERIES[k];
        double t = x + x * (p * y);
        return t * TWO_OVER_SQRT_PI + t * TWO_OVER_SQRT_PI_LO;
    }

    /**
     * erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) for x &gt;= 0.5, evaluated from the
     * bottom at a depth that has converged there (20 + 250/x^2 levels): within 3 ulp of the exact value over [0.4, 27]
     * (mpmath), where the top-down (Lentz) evaluation drifted to 16 and, below 1.25, to 51.
     */
    private static double erfcContinuedFraction(double x) {
        double f = x;
        for (int k = (int) (20 + 250 / (x * x)); k >= 1; k--) f = x + (k * 0.5) / f;
        return expMinusSquare(x) * ONE_OVER_SQRT_PI / f;
    }

    /** exp(-x*x) without the rounding error of x*x (split exactly with fma). */
    private static double expMinusSquare(double x) {
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return Math.exp(-hi) * (1 - lo);
    }

    // ---------------------------------------------------------------- log2

    /** log2 with exact results at powers of two and no cancellation near 1. */
    public static double log2(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) return x == 0 ? Double.NEGATIVE_INFINITY : x < 0 ? Double.NaN : x;
        int e = Math.getExponent(x);
        double m;
        if (e == Double.MIN_EXPONENT - 1) { // subnormal: scale into the normal range first
            x *= 0x1p54;
            e = Math.getExponent(x) - 54;
            m = x / Math.scalb(1.0, e + 54);
        } else {
            m = Math.scalb(x, -e);
        }
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        return e + Math.log(m) / LN2;
    }

    // ---------------------------------------------------------------- inverse hyperbolic functions
    // Java's Math has none. Each avoids the cancellation of the textbook formula (log(x + sqrt(x^2 + 1)) loses all
    // digits of asinh near 0) and the overflow of x^2 for huge x, after the usual fdlibm case split.

    private static final double HUGE = 0x1p28;   // beyond: sqrt(x^2 + 1) == |x| in double
    private static final double TINY = 0x1p-28;  // below: asinh(x) == atanh(x) == x in double

    public static double asinh(double x) {
        double ax = Math.abs(x), r;
        if (!(ax < Double.POSITIVE_INFINITY) || ax < TINY) return x; // NaN, infinities, 0 and tiny values
        if (ax > HUGE) r = Math.log(ax) + LN2;
        else if (ax > 2) r = Math.log(2 * ax + 1 / (Math.sqrt(ax * ax + 1) + ax));
        else { double t = ax * ax; r = Math.log1p(ax + t / (1 + Math.sqrt(1 + t))); }
        return Math.copySign(r, x);
    }

    public static double acosh(double x) {
        if (!(x >= 1)) return Double.NaN;                            // below the domain, and NaN
        if (x > HUGE) return Math.log(x) + LN2;                     // +inf stays +inf
        if (x > 2) return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
        double t = x - 1;                                            // exact for x in [1, 2]
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    public static double atanh(double x) {
        double ax = Math.abs(x), r;
        if (!(ax <= 1)) return Double.NaN;
        if (ax < TINY) return x;
        if (ax == 1) r = Double.POSITIVE_INFINITY;
        else if (ax < 0.5) { double t = ax + ax; r = 0.5 * Math.log1p(t + t * ax / (1 - ax)); }
        else r = 0.5 * Math.log1p((ax + ax) / (1 - ax));
        return Math.copySign(r, x);
    }

    /** 2^x: exact at integers (Math.pow is), as torch.exp2. */
    public static double exp2(double x) { return Math.pow(2.0, x); }

    // ---------------------------------------------------------------- division and powers

    /** Floor division of doubles as PyTorch (Python's algorithm: floor of the exact quotient). */
    public static double divFloor(double a, double b) {
        if (b == 0) return a / b;
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        if (div == 0) return Math.copySign(0.0, a / b);
        double fl = Math.floor(div);
        if (div - fl > 0.5) fl += 1;
        return fl;
    }

    /** {@link #divFloor} in float arithmetic, as PyTorch computes float32. */
    public static float divFloor(float a, float b) {
        if (b == 0) return a / b;
        float mod = a % b;
        float div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        if (div == 0) return Math.copySign(0.0f, a / b);
        float fl = (float) Math.floor(div);
        if (div - fl > 0.5f) fl += 1;
        return fl;
    }

    /** Python's modulo for floats: the result takes the divisor's sign. */
    public static double remainder(double a, double b) {
        double mod = a % b;
        if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
        return mod;
    }

    /** C's pow: as {@link Math#pow} except that 1^y and (-1)^(+-inf) are 1 (Java gives NaN for them). */
    public static double pow(double a, double b) {
        if (a == 1 || (a == -1 && Double.isInfinite(b))) return 1;
        return Math.pow(a, b);
    }

    public static double trunc(double v) { return v < 0 ? Math.ceil(v) : Math.floor(v); }

    /** Integer power with wrap-around; negative exponents give 0 except for bases 1 and -1 (as PyTorch's powi). */
    public static long powi(long a, long b) {
        if (b < 0) {
            if (a == 1) return 1;
            if (a == -1) return (b & 1) != 0 ? -1 : 1;
            return 0;
        }
        long result = 1;
        while (b != 0) {
            if ((b & 1) != 0) result *= a;
            b >>= 1;
            a *= a;
        }
        return result;
    }

    // ---------------------------------------------------------------- activations

    public static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    public static double gelu(double x) { return 0.5 * x * (1 + erf(x * SQRT1_2)); }

    public static double silu(double x) { return x / (1 + Math.exp(-x)); }

    /** float32 forms round exp to float first, so overflow happens where PyTorch's float math overflows. */
    public static float sigmoid(float x) { return 1f / (1f + (float) Math.exp(-x)); }

    public static float gelu(float x) { return 0.5f * x * (1f + (float) erf(x * (float) SQRT1_2)); }

    public static float silu(float x) { return x / (1f + (float) Math.exp(-x)); }
}

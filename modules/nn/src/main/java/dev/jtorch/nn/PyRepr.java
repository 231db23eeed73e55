package dev.jtorch.nn;

import java.math.BigDecimal;

/** Python's {@code repr} of numbers and tuples, so that module reprs read exactly as PyTorch's. */
final class PyRepr {
    private PyRepr() {}

    /** {@code repr(float)}: the shortest round-tripping digits, fixed notation for exponents -4..15, else scientific. */
    static String pyFloat(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
        // Double.toString gives the shortest round-tripping digits (JDK 19+), as Python's repr does.
        BigDecimal bd = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = bd.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = bd.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (bd.signum() < 0) sb.append('-');
        sb.append(digits.charAt(0));
        if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) sb.append('0');
        return sb.append(e).toString();
    }

    /** {@code repr(tuple)} of integers: {@code (2, 5)}, {@code (3,)}. */
    static String tuple(long... values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(values[i]);
        }
        if (values.length == 1) sb.append(',');
        return sb.append(')').toString();
    }
}

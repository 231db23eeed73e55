package dev.jtorch.optim.internal;

import java.math.BigDecimal;

/** Python's {@code repr(float)}, so validation messages read exactly as PyTorch's ("Invalid learning rate: -0.1", "1e-05"). */
public final class PyRepr {
    private PyRepr() {}

    public static String of(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        // Java's Double.toString gives the shortest round-tripping digits, as Python's repr; only the layout differs.
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        return (v < 0 ? "-" : "") + mantissa + "e" + exp;
    }
}

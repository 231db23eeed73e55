package dev.jtorch.nn;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;

import java.math.BigDecimal;

/**
 * What the conv, pool and norm layers share: PyTorch's default initialisation of a convolution and the
 * Python spellings of their arguments in reprs ({@code (3, 3)}, {@code 2}, {@code 1e-05}).
 */
final class LayerArgs {
    private LayerArgs() {}

    /** A size argument as the user gave it: one int (PyTorch keeps it an int in the pools' repr) or a tuple. */
    static int[] expand(int[] v, int n, String name) {
        if (v.length == n) return v.clone();
        if (v.length == 1) {
            int[] r = new int[n];
            java.util.Arrays.fill(r, v[0]);
            return r;
        }
        throw new IllegalArgumentException(name + " must be an int or a tuple of " + n + " ints, got " + java.util.Arrays.toString(v));
    }

    /** Python's repr of an int tuple: {@code (3, 3)}, {@code (3,)}. */
    static String tuple(int... values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) sb.append(i > 0 ? ", " : "").append(values[i]);
        if (values.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /** An argument given as one int prints as that int, else as a tuple (as PyTorch's pools keep what they were given). */
    static String intOrTuple(int[] given) { return given.length == 1 ? Integer.toString(given[0]) : tuple(given); }

    /** Python's {@code repr(float)}: shortest digits, scientific below 1e-4 or from 1e16 ({@code 1e-05}). */
    static String pyFloat(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = bd.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = bd.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder(bd.signum() < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
        int e = Math.abs(exponent);
        return sb.append('e').append(exponent < 0 ? '-' : '+').append(e < 10 ? "0" : "").append(e).toString();
    }

    /**
     * PyTorch's {@code _ConvNd.reset_parameters}: kaiming_uniform_(weight, a=√5), then the bias from
     * U(±1/√fan_in), fan_in = weight.size(1) * kernel taps; drawn in that order from the default generator.
     */
    static void resetConv(Tensor weight, Tensor bias) {
        long receptive = 1;
        for (int d = 2; d < weight.dim(); d++) receptive *= weight.size(d);
        long fanIn = weight.size(1) * receptive;
        double a = Math.sqrt(5);
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double std = gain / Math.sqrt(fanIn);
        double bound = Math.sqrt(3.0) * std;
        try (var ignored = GradMode.noGrad()) {
            weight.uniform_(-bound, bound);
            if (bias != null) {
                double b = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
                bias.uniform_(-b, b);
            }
        }
    }
}

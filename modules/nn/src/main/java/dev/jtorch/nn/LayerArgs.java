package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.init.Init;

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

    /** Python's {@code repr(float)}: {@code 1e-05}, {@code 0.1}. */
    static String pyFloat(double x) { return PyRepr.pyFloat(x); }

    /**
     * PyTorch's {@code _ConvNd.reset_parameters}: kaiming_uniform_(weight, a=√5), then the bias from
     * U(±1/√fan_in), fan_in = weight.size(1) * kernel taps; drawn in that order from the default generator.
     */
    static void resetConv(Tensor weight, Tensor bias) {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            long fanIn = Init.calculateFanInAndFanOut(weight)[0];
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }
}

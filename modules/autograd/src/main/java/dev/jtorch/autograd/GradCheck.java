package dev.jtorch.autograd;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks analytical gradients against central finite differences, as
 * {@code torch.autograd.gradcheck} (use float64 inputs that require grad; others are held fixed).
 * A mismatch throws {@link GradcheckError} with both Jacobians.
 */
public final class GradCheck {
    public static final double DEFAULT_EPS = 1e-6;
    public static final double DEFAULT_ATOL = 1e-5;
    public static final double DEFAULT_RTOL = 1e-3;

    private GradCheck() {}

    /** Checks a function with one output. */
    public static boolean gradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return gradcheck(f, inputs, DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL);
    }

    public static boolean gradcheck(Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol) {
        return gradcheckOutputs(in -> new Tensor[]{f.apply(in)}, inputs, eps, atol, rtol);
    }

    /** Checks a function with several outputs (null outputs are skipped). */
    public static boolean gradcheckOutputs(Function<Tensor[], Tensor[]> f, Tensor[] inputs, double eps, double atol,
                                           double rtol) {
        List<Integer> diff = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null || !t.requiresGrad()) continue;
            checkNonOverlapping(t, i);
            diff.add(i);
        }
        if (diff.isEmpty()) {
            throw new IllegalArgumentException("gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.");
        }
        Tensor[] outputs = f.apply(inputs);
        double[][][][] numerical = numericalJacobian(f, inputs, diff, outputs, eps);
        double[][][][] analytical = analyticalJacobian(inputs, diff, outputs);
        for (int o = 0; o < outputs.length; o++) {
            for (int k = 0; k < diff.size(); k++) {
                if (!close(analytical[o][k], numerical[o][k], atol, rtol)) {
                    throw new GradcheckError("Jacobian mismatch for output " + o + " with respect to input " + diff.get(k)
                            + ",\nnumerical:" + matrix(numerical[o][k]) + "\nanalytical:" + matrix(analytical[o][k]) + "\n");
                }
            }
        }
        return true;
    }

    /**
     * Checks second derivatives: gradcheck of the map (inputs, v) → vᵀ·J(inputs), whose backward
     * runs the first backward's graph (built with create_graph).
     */
    public static boolean gradgradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return gradgradcheck(f, inputs, DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL);
    }

    public static boolean gradgradcheck(Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol) {
        int n = inputs.length;
        Tensor out = f.apply(inputs);
        Random random = new Random(0);
        double[] v = new double[Math.toIntExact(out.numel())];
        for (int i = 0; i < v.length; i++) v[i] = random.nextGaussian();
        // (from() reads an empty shape as "all elements in one dim", hence the reshape for 0-dim outputs)
        Tensor gradOut = Torch.from(v, v.length).reshape(out.size().toArray()).to(out.dtype()).detach().requiresGrad_();
        List<Integer> diff = new ArrayList<>();
        for (int i = 0; i < n; i++) if (inputs[i] != null && inputs[i].requiresGrad()) diff.add(i);
        Tensor[] all = Arrays.copyOf(inputs, n + 1);
        all[n] = gradOut;
        Function<Tensor[], Tensor[]> firstBackward = in -> {
            Tensor y = f.apply(Arrays.copyOf(in, n));
            List<Tensor> wrt = new ArrayList<>();
            for (int i : diff) wrt.add(in[i]);
            List<Tensor> g = Autograd.grad(List.of(y), wrt, List.of(in[n]), true, true, true);
            Tensor[] res = new Tensor[g.size()];
            for (int i = 0; i < res.length; i++) res[i] = g.get(i) != null ? g.get(i) : Torch.zerosLike(wrt.get(i));
            return res;
        };
        return gradcheckOutputs(firstBackward, all, eps, atol, rtol);
    }

    private static void checkNonOverlapping(Tensor t, int i) {
        long[] shape = t.size().toArray(), stride = t.stride();
        for (int d = 0; d < shape.length; d++) {
            if (stride[d] == 0 && shape[d] > 1) {
                throw new IllegalArgumentException("The " + i + "th input has a dimension with stride 0. gradcheck only "
                        + "supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. "
                        + "You should call .contiguous on the input before passing it to gradcheck.");
            }
        }
    }

    /** [output][diff input][input element][output element]. */
    private static double[][][][] numericalJacobian(Function<Tensor[], Tensor[]> f, Tensor[] inputs, List<Integer> diff,
                                                    Tensor[] outputs, double eps) {
        double[][][][] j = new double[outputs.length][diff.size()][][];
        for (int k = 0; k < diff.size(); k++) {
            Tensor x = inputs[diff.get(k)];
            int n = Math.toIntExact(x.numel());
            for (int o = 0; o < outputs.length; o++) j[o][k] = new double[n][outputs[o] == null ? 0 : (int) outputs[o].numel()];
            // .data: writes through it change the values the function reads but are not tracked by autograd.
            Tensor data = x.data();
            for (int e = 0; e < n; e++) {
                Tensor element = data.asStrided(new long[0], new long[0], elementOffset(x, e));
                double original = element.item();
                element.fill_(original + eps);
                double[][] plus = evaluate(f, inputs);
                element.fill_(original - eps);
                double[][] minus = evaluate(f, inputs);
                element.fill_(original);
                for (int o = 0; o < outputs.length; o++) {
                    if (outputs[o] == null) continue;
                    for (int m = 0; m < plus[o].length; m++) j[o][k][e][m] = (plus[o][m] - minus[o][m]) / (2 * eps);
                }
            }
        }
        return j;
    }

    /** Runs {@code f} in the caller's grad mode: a function may itself differentiate (gradgradcheck). */
    private static double[][] evaluate(Function<Tensor[], Tensor[]> f, Tensor[] inputs) {
        Tensor[] out = f.apply(inputs);
        double[][] v = new double[out.length][];
        for (int o = 0; o < out.length; o++) v[o] = out[o] == null ? new double[0] : values(out[o]);
        return v;
    }

    private static double[][][][] analyticalJacobian(Tensor[] inputs, List<Integer> diff, Tensor[] outputs) {
        double[][][][] j = new double[outputs.length][diff.size()][][];
        List<Tensor> wrt = new ArrayList<>();
        for (int i : diff) wrt.add(inputs[i]);
        for (int o = 0; o < outputs.length; o++) {
            Tensor out = outputs[o];
            int m = out == null ? 0 : Math.toIntExact(out.numel());
            for (int k = 0; k < diff.size(); k++) j[o][k] = new double[Math.toIntExact(wrt.get(k).numel())][m];
            if (out == null || !out.requiresGrad()) continue;
            for (int e = 0; e < m; e++) {
                Tensor seed = Torch.zerosLike(out);
                seed.asStrided(new long[0], new long[0], elementOffset(seed, e)).fill_(1.0);
                List<Tensor> g = Autograd.grad(List.of(out), wrt, List.of(seed), true, false, true);
                for (int k = 0; k < diff.size(); k++) {
                    if (g.get(k) == null) continue;
                    double[] row = values(g.get(k));
                    for (int i = 0; i < row.length; i++) j[o][k][i][e] = row[i];
                }
            }
        }
        return j;
    }

    /** The storage offset of logical element {@code e} (row-major) of {@code t}. */
    private static long elementOffset(Tensor t, long e) {
        long[] shape = t.size().toArray(), stride = t.stride();
        long off = t.storageOffset();
        for (int d = shape.length - 1; d >= 0; d--) {
            off += (e % shape[d]) * stride[d];
            e /= shape[d];
        }
        return off;
    }

    /** The elements of {@code t} in row-major order, as doubles. */
    static double[] values(Tensor t) {
        Tensor c = t.detach();
        double[] v = new double[Math.toIntExact(c.numel())];
        for (int e = 0; e < v.length; e++) v[e] = c.asStrided(new long[0], new long[0], elementOffset(c, e)).item();
        return v;
    }

    private static boolean close(double[][] a, double[][] n, double atol, double rtol) {
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                double x = a[i][k], y = n[i][k];
                if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
            }
        }
        return true;
    }

    /** The Jacobian printed with inputs as rows, as PyTorch's gradcheck reports it. */
    private static String matrix(double[][] m) {
        StringBuilder sb = new StringBuilder();
        for (double[] row : m) sb.append('\n').append(Arrays.toString(row));
        return sb.toString();
    }
}

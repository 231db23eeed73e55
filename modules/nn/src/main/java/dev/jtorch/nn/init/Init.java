package dev.jtorch.nn.init;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * {@code torch.nn.init}: in-place initialisers. They run without recording history and draw from the default
 * generator with PyTorch's formulas, so the same seed gives PyTorch's numbers.
 */
public final class Init {
    private Init() {}

    /** Fan mode of the kaiming initialisers. */
    public enum Mode {
        FAN_IN, FAN_OUT;

        static Mode parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "fan_in" -> FAN_IN;
                case "fan_out" -> FAN_OUT;
                default -> throw new IllegalArgumentException("Mode " + s + " not supported, please use one of ['fan_in', 'fan_out']");
            };
        }
    }

    /**
     * The recommended gain for a nonlinearity: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for relu,
     * √(2/(1+slope²)) for leaky_relu (slope {@code param}, default 0.01), 3/4 for selu.
     */
    public static double calculateGain(String nonlinearity, Double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                 "sigmoid" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = param == null ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + Math.pow(slope, 2)));
            }
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        };
    }

    public static double calculateGain(String nonlinearity) { return calculateGain(nonlinearity, null); }

    /** {fan_in, fan_out} of a weight: dim 1 and dim 0 times the receptive field (the product of dims 2...). */
    public static long[] calculateFanInAndFanOut(Tensor tensor) {
        if (tensor.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        long receptive = 1;
        for (int d = 2; d < tensor.dim(); d++) receptive *= tensor.size(d);
        return new long[]{tensor.size(1) * receptive, tensor.size(0) * receptive};
    }

    public static Tensor uniform_(Tensor tensor, double a, double b) {
        try (var ignored = GradMode.noGrad()) {
            return tensor.uniform_(a, b);
        }
    }

    public static Tensor uniform_(Tensor tensor) { return uniform_(tensor, 0, 1); }

    public static Tensor normal_(Tensor tensor, double mean, double std) {
        try (var ignored = GradMode.noGrad()) {
            return tensor.normal_(mean, std);
        }
    }

    public static Tensor normal_(Tensor tensor) { return normal_(tensor, 0, 1); }

    public static Tensor constant_(Tensor tensor, double value) {
        try (var ignored = GradMode.noGrad()) {
            return tensor.fill_(value);
        }
    }

    public static Tensor ones_(Tensor tensor) { return constant_(tensor, 1); }

    public static Tensor zeros_(Tensor tensor) {
        try (var ignored = GradMode.noGrad()) {
            return tensor.zero_();
        }
    }

    /** Fills a 2-D tensor with the identity matrix (PyTorch's {@code eye_}). */
    public static Tensor eye_(Tensor tensor) {
        if (tensor.dim() != 2) throw new IllegalArgumentException("Only tensors with 2 dimensions are supported");
        try (var ignored = GradMode.noGrad()) {
            return tensor.copy_(Torch.eye(tensor.size(0), tensor.size(1), tensor.dtype()));
        }
    }

    /** Glorot uniform: U(-a, a) with a = gain·√(6/(fan_in+fan_out)). */
    public static Tensor xavierUniform_(Tensor tensor, double gain) {
        long[] fans = calculateFanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (fans[0] + fans[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(tensor, -a, a);
    }

    public static Tensor xavierUniform_(Tensor tensor) { return xavierUniform_(tensor, 1.0); }

    /** Glorot normal: N(0, std²) with std = gain·√(2/(fan_in+fan_out)). */
    public static Tensor xavierNormal_(Tensor tensor, double gain) {
        long[] fans = calculateFanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (fans[0] + fans[1]));
        return normal_(tensor, 0, std);
    }

    public static Tensor xavierNormal_(Tensor tensor) { return xavierNormal_(tensor, 1.0); }

    /** He uniform: U(-b, b) with b = √3·gain(nonlinearity, a)/√fan. */
    public static Tensor kaimingUniform_(Tensor tensor, double a, String mode, String nonlinearity) {
        if (tensor.numel() == 0) return tensor; // PyTorch warns and leaves it
        double fan = fan(tensor, Mode.parse(mode));
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt(fan);
        double bound = Math.sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
    }

    /** Defaults as PyTorch: {@code a=0, mode='fan_in', nonlinearity='leaky_relu'}. */
    public static Tensor kaimingUniform_(Tensor tensor) { return kaimingUniform_(tensor, 0, "fan_in", "leaky_relu"); }

    public static Tensor kaimingUniform_(Tensor tensor, double a) { return kaimingUniform_(tensor, a, "fan_in", "leaky_relu"); }

    /** He normal: N(0, std²) with std = gain(nonlinearity, a)/√fan. */
    public static Tensor kaimingNormal_(Tensor tensor, double a, String mode, String nonlinearity) {
        if (tensor.numel() == 0) return tensor;
        double fan = fan(tensor, Mode.parse(mode));
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt(fan);
        return normal_(tensor, 0, std);
    }

    public static Tensor kaimingNormal_(Tensor tensor) { return kaimingNormal_(tensor, 0, "fan_in", "leaky_relu"); }

    private static double fan(Tensor tensor, Mode mode) {
        long[] fans = calculateFanInAndFanOut(tensor);
        return mode == Mode.FAN_IN ? fans[0] : fans[1];
    }

    /**
     * Values from N(mean, std²) truncated to [a, b], by PyTorch's inverse-CDF method: uniform draws between the
     * bounds' CDF values (so the same seed draws the same uniforms as PyTorch), mapped through erfinv.
     */
    public static Tensor truncNormal_(Tensor tensor, double mean, double std, double a, double b) {
        if (!tensor.isFloatingPoint()) throw new IllegalArgumentException("trunc_normal_ needs a floating point tensor, got " + tensor.dtype());
        double l = normCdf((a - mean) / std), u = normCdf((b - mean) / std);
        try (var ignored = GradMode.noGrad()) {
            tensor.uniform_(2 * l - 1, 2 * u - 1);
            tensor.copy_(tensor.erfinv());
            tensor.mul_(std * Math.sqrt(2.));
            tensor.add_(mean);
            tensor.clamp_(a, b);
            return tensor;
        }
    }

    /** Defaults as PyTorch: mean 0, std 1, truncated to [-2, 2]. */
    public static Tensor truncNormal_(Tensor tensor) { return truncNormal_(tensor, 0, 1, -2, 2); }

    /** The standard normal CDF in double precision, as PyTorch's Python-side {@code math.erf}. */
    private static double normCdf(double x) { return (1. + Torch.from(new double[]{x / Math.sqrt(2.)}, 1).erf().item()) / 2.; }

    /**
     * A (semi-)orthogonal matrix scaled by {@code gain}: QR of a standard normal matrix (rows × numel/rows,
     * transposed when wider than tall), with Q's columns signed by R's diagonal, as PyTorch's {@code orthogonal_}.
     */
    public static Tensor orthogonal_(Tensor tensor, double gain) {
        if (tensor.dim() < 2) throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported");
        if (tensor.numel() == 0) return tensor;
        int rows = Math.toIntExact(tensor.size(0));
        int cols = Math.toIntExact(tensor.numel() / rows);
        try (var ignored = GradMode.noGrad()) {
            Tensor flat = Torch.zeros(new long[]{rows, cols}, tensor.dtype()).normal_(0, 1);
            if (rows < cols) flat = flat.t();
            double[] a = flat.contiguous().toDoubleArray();
            int m = Math.max(rows, cols), n = Math.min(rows, cols);
            double[] q = HouseholderQr.signedQ(a, m, n);
            Tensor qt = Torch.from(q, m, n).to(tensor.dtype());
            if (rows < cols) qt = qt.t();
            tensor.copy_(qt.reshape(tensor.shape().toArray()));
            tensor.mul_(gain);
            return tensor;
        }
    }

    public static Tensor orthogonal_(Tensor tensor) { return orthogonal_(tensor, 1); }
}

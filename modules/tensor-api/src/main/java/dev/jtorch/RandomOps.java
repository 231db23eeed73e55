package dev.jtorch;

import dev.jtorch.ops.Op;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Random tensors from a {@link Generator}, drawn as PyTorch 1.13's CPU kernels draw them: same
 * stream, same order, same formulas (see {@link Distributions}). Values are generated into a host
 * array while the generator's lock is held, then wrapped (new tensors) or written back (in-place
 * ops fill in memory order, as PyTorch's TensorIterator does).
 *
 * <p>Bit for bit equal to PyTorch for rand/uniform_ (every floating dtype), randint/random_,
 * randperm, bernoulli and bernoulli_, and randn/normal in float32, float16 and bfloat16. For 16 or
 * more float32 elements PyTorch's result depends on the CPU kernel it picks; this follows the
 * AVX2 kernel (x86 without AVX-512). float64 normals use Java's log/sin/cos, which differ from
 * glibc's in the last bit for about 0.2% of values.
 */
final class RandomOps {
    private RandomOps() {}

    // ---------------------------------------------------------------- new tensors

    static Tensor rand(long[] shape, DType dtype, Generator g) {
        int n = length(shape); // PyTorch allocates first, so a bad shape is reported before a bad dtype
        checkUniformBounds(dtype, 0, 1);
        return HostArrays.tensor(uniformArray(dtype, n, 0, 1, g), dtype, shape);
    }

    static Tensor randn(long[] shape, DType dtype, Generator g) { return normalNew(0, 1, shape, dtype, g); }

    static Tensor normal(double mean, double std, long[] shape, Generator g) {
        return normalNew(mean, std, shape, Torch.getDefaultDtype(), g);
    }

    static Tensor normal(double mean, double std, long[] shape, DType dtype, Generator g) {
        return normalNew(mean, std, shape, dtype, g);
    }

    private static Tensor normalNew(double mean, double std, long[] shape, DType dtype, Generator g) {
        int n = length(shape);
        checkNormal(dtype, std);
        return HostArrays.tensor(normalArray(dtype, n, true, mean, std, g), dtype, shape);
    }

    static Tensor randint(long low, long high, long[] shape, DType dtype, Generator g) {
        int n = length(shape);
        checkFromTo(low, high, dtype);
        return HostArrays.tensor(randintArray(low, high, dtype, n, g), dtype, shape);
    }

    static Tensor randperm(long n, DType dtype, Generator g) {
        long[] shape = Shapes.checkSizes(new long[]{n});
        checkPermutationFits(n, dtype);
        long[] perm;
        synchronized (g) {
            perm = Distributions.permutation(length(shape), g);
        }
        Object out = HostArrays.allocate(dtype, perm.length);
        for (int i = 0; i < perm.length; i++) HostArrays.setLong(out, dtype, i, perm[i]);
        return HostArrays.tensor(out, dtype, shape);
    }

    /** 0/1 draws with probabilities {@code p}; the result has p's shape and dtype. */
    static Tensor bernoulli(Tensor p, Generator g) {
        if (p.dtype == DType.FLOAT16) throw Elementwise.notImplemented("bernoulli_tensor_cpu_self_", p.dtype);
        if (!p.dtype.isFloatingPoint()) throw Elementwise.notImplemented("bernoulli_tensor_cpu_p_", p.dtype);
        // PyTorch's output is a contiguous empty_like(p), so p is visited in row-major order
        double[] probs = Interop.toDoubleArray(p);
        for (double v : probs) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  "
                        + "(Could this error message be improved?  If so, please report an enhancement request to PyTorch.)");
            }
        }
        Object out = HostArrays.allocate(p.dtype, probs.length);
        synchronized (g) {
            for (int i = 0; i < probs.length; i++) {
                // double p draws a double uniform, float and bfloat16 p a float uniform
                boolean hit = p.dtype == DType.FLOAT64 ? Distributions.uniformDouble(g) < probs[i]
                        : Distributions.uniformFloat(g) < (float) probs[i];
                HostArrays.setLong(out, p.dtype, i, hit ? 1 : 0);
            }
        }
        return HostArrays.tensor(out, p.dtype, p.shape);
    }

    // ---------------------------------------------------------------- in place

    /** Fills x with U[from, to). */
    static Tensor uniform(Tensor x, double from, double to, Generator g) {
        checkUniformBounds(x.dtype, from, to);
        return fillInPlace(x, g, n -> uniformArray(x.dtype, n, from, to, g));
    }

    /** Fills x with N(mean, std^2). */
    static Tensor normal(Tensor x, double mean, double std, Generator g) {
        checkNormal(x.dtype, std);
        return fillInPlace(x, g, n -> normalArray(x.dtype, n, x.isContiguous(), mean, std, g));
    }

    /** Fills x with 0/1 drawn with probability p (any dtype but float16, as PyTorch). */
    static Tensor bernoulli(Tensor x, double p, Generator g) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("bernoulli_ expects p to be in [0, 1], but got p=" + cpp(p));
        if (x.dtype == DType.FLOAT16) throw Elementwise.notImplemented("bernoulli_scalar_cpu_", x.dtype);
        return fillInPlace(x, g, n -> {
            Object out = HostArrays.allocate(x.dtype, n);
            for (int i = 0; i < n; i++) HostArrays.setLong(out, x.dtype, i, Distributions.uniformDouble(g) < p ? 1 : 0);
            return out;
        });
    }

    /** Fills x with integers uniform in [from, to). */
    static Tensor random(Tensor x, long from, long to, Generator g) {
        checkFromTo(from, to, x.dtype);
        return fillInPlace(x, g, n -> randintArray(from, to, x.dtype, n, g));
    }

    private interface Sampler { Object draw(int n); }

    private static Tensor fillInPlace(Tensor x, Generator g, Sampler sampler) {
        Autograd.checkInPlace(x);
        for (int d = 0; d < x.dim(); d++) {
            if (x.stride[d] == 0 && x.shape[d] > 1) {
                throw new IllegalArgumentException("unsupported operation: more than one element of the written-to tensor "
                        + "refers to a single memory location. Please clone() the tensor before performing the operation.");
            }
        }
        int n = length(x.shape);
        Tensor target = x.detach().permute(memoryOrder(x)); // an internal view: nothing to record
        Object values;
        synchronized (g) {
            values = sampler.draw(n);
        }
        if (x.device().isCpu()) {
            HostStrided.scatter(values, target);
        } else {
            Tensor host = HostArrays.tensor(values, x.dtype, target.shape);
            Backends.forDevice(x.device()).copy(host.strided(), target.strided());
        }
        x.version.bump();
        // a random fill forgets the old values: its gradient is zero, as a fill's
        Autograd.record(new Op.Fill(Double.NaN), new Tensor[]{x}, x);
        return x;
    }

    // ---------------------------------------------------------------- sampling into arrays

    private static Object uniformArray(DType dtype, int n, double from, double to, Generator g) {
        Object out = HostArrays.allocate(dtype, n);
        synchronized (g) {
            switch (out) {
                case float[] f -> Distributions.uniform(f, (float) from, (float) to, g);
                case double[] d -> Distributions.uniform(d, from, to, g);
                case short[] s -> Distributions.uniform(s, dtype, from, to, g);
                default -> throw new IllegalStateException("uniform of " + dtype);
            }
        }
        return out;
    }

    /** The kernel's choice: normal_fill for 16+ contiguous elements, otherwise one Box-Muller sample each. */
    private static Object normalArray(DType dtype, int n, boolean contiguous, double mean, double std, Generator g) {
        Object out = HostArrays.allocate(dtype, n);
        synchronized (g) {
            if (n >= 16 && contiguous) {
                switch (out) {
                    case float[] f -> Distributions.normalFill(f, (float) mean, (float) std, g);
                    case double[] d -> Distributions.normalFill(d, mean, std, g);
                    case short[] s -> Distributions.normalFill(s, dtype, mean, std, g);
                    default -> throw new IllegalStateException("normal of " + dtype);
                }
            } else {
                for (int i = 0; i < n; i++) HostArrays.setDouble(out, dtype, i, Distributions.normal(mean, std, g));
            }
        }
        return out;
    }

    private static Object randintArray(long from, long to, DType dtype, int n, Generator g) {
        long range = to - from; // read as unsigned
        boolean wide = dtype == DType.INT64 || dtype == DType.FLOAT64 || dtype == DType.FLOAT32 || dtype == DType.BFLOAT16;
        Object out = HostArrays.allocate(dtype, n);
        synchronized (g) {
            for (int i = 0; i < n; i++) HostArrays.setLong(out, dtype, i, Distributions.fromTo(range, from, wide, g));
        }
        return out;
    }

    // ---------------------------------------------------------------- checks, with PyTorch's messages

    private static void checkUniformBounds(DType dtype, double from, double to) {
        if (!dtype.isFloatingPoint()) throw Elementwise.notImplemented("check_uniform_bounds", dtype);
        checkInRange(from, "from", dtype);
        checkInRange(to, "to", dtype);
        if (!(from <= to)) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from=" + cpp(from)
                    + " > to=" + cpp(to));
        }
        if (to - from > maxFinite(dtype)) {
            throw new IllegalArgumentException("uniform_ expects to-from <= std::numeric_limits<" + TypePromotion.shortName(dtype)
                    + ">::max(), but found to=" + cpp(to) + " and from=" + cpp(from) + " which result in to-from to exceed the limit");
        }
    }

    private static void checkNormal(DType dtype, double std) {
        if (!dtype.isFloatingPoint()) throw Elementwise.notImplemented("normal_kernel_cpu", dtype);
        if (!(std >= 0.0)) throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + cpp(std));
    }

    private static void checkFromTo(long from, long to, DType dtype) {
        if (from >= to) {
            throw new IllegalArgumentException("random_ expects 'from' to be less than 'to', but got from=" + from + " >= to=" + to);
        }
        if (dtype.isFloatingPoint()) {
            checkInRange(from, "from", dtype);
            checkInRange(to - 1, "to - 1", dtype);
        } else {
            if (from < IntRange.min(dtype) || from > IntRange.max(dtype)) throw outOfBounds("from", dtype);
            if (to - 1 < IntRange.min(dtype) || to - 1 > IntRange.max(dtype)) throw outOfBounds("to - 1", dtype);
        }
    }

    private static void checkInRange(double v, String name, DType dtype) {
        if (v < -maxFinite(dtype) || v > maxFinite(dtype)) throw outOfBounds(name, dtype);
    }

    private static void checkPermutationFits(long n, DType dtype) {
        switch (dtype) {
            case BOOL -> throw Elementwise.notImplemented("randperm", dtype);
            case FLOAT16 -> { if (n > 2049) throw new IllegalArgumentException("n cannot be greater than 2049 for Half type."); }
            case FLOAT32 -> { if (n > (1L << 24) + 1) throw new IllegalArgumentException("n cannot be greater than 2^24+1 for Float type."); }
            case FLOAT64 -> { if (n > (1L << 53) + 1) throw new IllegalArgumentException("n cannot be greater than 2^53+1 for Double type."); }
            case BFLOAT16 -> { } // PyTorch 1.13 does not check: large values round
            default -> {
                if (n - 1 > IntRange.max(dtype)) {
                    throw new IllegalArgumentException("value cannot be converted to type " + cTypeName(dtype) + " without overflow");
                }
            }
        }
    }

    /** The largest finite value of a floating dtype, torch.finfo(dtype).max. */
    static double maxFinite(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT16 -> 65504.0;
            case BFLOAT16 -> ReducedFloats.fromBFloat16((short) 0x7F7F);
            default -> Double.MAX_VALUE;
        };
    }

    private static IllegalArgumentException outOfBounds(String name, DType dtype) {
        return new IllegalArgumentException(name + " is out of bounds for " + TypePromotion.cppName(dtype));
    }

    private static String cTypeName(DType dtype) {
        return dtype == DType.UINT8 ? "uint8_t" : dtype.pyName() + "_t";
    }

    /** A double as C++'s default ostream prints it (6 significant digits, %g style): 2, 0.5, 1e-10, 1.23457e+06. */
    static String cpp(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        BigDecimal r = new BigDecimal(v).round(new MathContext(6));
        int exp = r.precision() - r.scale() - 1;
        if (exp < -5 || exp >= 6) {
            BigDecimal mant = r.movePointLeft(exp).stripTrailingZeros();
            String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
            return mant.toPlainString() + "e" + e;
        }
        return r.stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- layout helpers

    private static int length(long[] shape) { return HostArrays.checkedLength(Shapes.numel(Shapes.checkSizes(shape))); }

    /** Dims from the largest stride to the smallest: walking them row-major visits memory in order. */
    private static int[] memoryOrder(Tensor x) {
        return IntStream.range(0, x.dim()).boxed()
                .sorted(Comparator.comparingLong((Integer d) -> x.stride[d]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }
}

package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.ValuesIndices;
import dev.jtorch.io.Npz;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward outputs and input/weight/bias gradients of the functional conv, pool and norm forms
 * against PyTorch 1.13 (tools/golden/gen_conv_fixtures.py writes one archive per configuration,
 * arguments included).
 */
class ConvPoolNormGoldenTest {
    static Path golden(String dir) {
        try {
            return Path.of(ConvPoolNormGoldenTest.class.getResource("/golden/" + dir).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() throws IOException {
        return Files.list(golden("conv")).sorted().map(p -> {
            String name = p.getFileName().toString().replace(".npz", "");
            return DynamicTest.dynamicTest(name, () -> check(name, Npz.load(p)));
        });
    }

    /** Non-contiguous inputs, float64 and reduced-precision dtypes take the same path (inputs cast, results cast back). */
    @org.junit.jupiter.api.Test
    void layoutsAndDtypes() throws IOException {
        Map<String, Tensor> z = Npz.load(golden("conv").resolve("conv2d_stride2_pad1.npz"));
        Tensor x = z.get("x"), w = z.get("w"), b = z.get("b"), y = z.get("y");
        int[] s = {2}, p = {1}, d = {1};
        Tensor channelsLast = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        close("channels-last input", y, F.conv2d(channelsLast, w, b, s, p, d, 1));
        Tensor y64 = F.conv2d(x.to(dev.jtorch.DType.FLOAT64), w.to(dev.jtorch.DType.FLOAT64), b.to(dev.jtorch.DType.FLOAT64), s, p, d, 1);
        assertTrue(y64.dtype() == dev.jtorch.DType.FLOAT64);
        close("float64", y, y64.to(dev.jtorch.DType.FLOAT32));
        var bf = dev.jtorch.DType.BFLOAT16;
        Tensor ybf = F.conv2d(x.to(bf), w.to(bf), b.to(bf), s, p, d, 1);
        assertTrue(ybf.dtype() == bf);
        assertTrue(ybf.to(dev.jtorch.DType.FLOAT32).allclose(y, 0.05, 0.2), "bfloat16 conv far from float32");
        Tensor pooled = F.maxPool2d(x.to(dev.jtorch.DType.FLOAT16), 2);
        assertTrue(pooled.dtype() == dev.jtorch.DType.FLOAT16);
        close("float16 max pool", F.maxPool2d(x.to(dev.jtorch.DType.FLOAT16).to(dev.jtorch.DType.FLOAT32), 2),
                pooled.to(dev.jtorch.DType.FLOAT32));
    }

    private static int[] ints(Map<String, Tensor> z, String key) {
        Tensor t = z.get(key);
        long[] v = t.contiguous().toLongArray();
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (int) v[i];
        return r;
    }

    private static int one(Map<String, Tensor> z, String key) { return ints(z, key)[0]; }

    private static void check(String name, Map<String, Tensor> z) {
        Tensor x = z.get("x").clone().requiresGrad_();
        Tensor w = z.containsKey("w") ? z.get("w").clone().requiresGrad_() : null;
        Tensor b = z.containsKey("b") ? z.get("b").clone().requiresGrad_() : null;
        Tensor rm = z.containsKey("rm0") ? z.get("rm0").clone() : null;
        Tensor rv = z.containsKey("rv0") ? z.get("rv0").clone() : null;
        Function<Tensor, Tensor> f = forward(name, z, w, b, rm, rv);
        Tensor y = f.apply(x);
        close(name + " output", z.get("y"), y);
        y.backward(z.get("gy"));
        close(name + " grad input", z.get("gx"), x.grad());
        if (w != null) close(name + " grad weight", z.get("gw"), w.grad());
        if (b != null) close(name + " grad bias", z.get("gb"), b.grad());
        if (rm != null) {
            close(name + " running_mean", z.get("rm"), rm);
            close(name + " running_var", z.get("rv"), rv);
        }
        if (z.containsKey("idx")) {
            ValuesIndices vi = F.maxPool2dWithIndices(z.get("x"), ints(z, "kernel"), ints(z, "stride"), ints(z, "padding"),
                    ints(z, "dilation"), one(z, "ceil") != 0);
            assertArrayEquals(z.get("idx").toLongArray(), vi.indices().contiguous().toLongArray(), name + " indices");
        }
    }

    private static Function<Tensor, Tensor> forward(String name, Map<String, Tensor> z, Tensor w, Tensor b, Tensor rm, Tensor rv) {
        String family = name.substring(0, name.indexOf('_') < 0 ? name.length() : name.indexOf('_'));
        return switch (family) {
            case "conv2d" -> {
                int[] s = ints(z, "stride"), p = ints(z, "padding"), d = ints(z, "dilation");
                int g = one(z, "groups");
                yield p[0] < 0 ? x -> F.conv2d(x, w, b, s, p[0] == -1 ? "same" : "valid", d, g) : x -> F.conv2d(x, w, b, s, p, d, g);
            }
            case "conv1d" -> {
                int s = one(z, "stride"), p = one(z, "padding"), d = one(z, "dilation"), g = one(z, "groups");
                yield p < 0 ? x -> F.conv1d(x, w, b, s, p == -1 ? "same" : "valid", d, g) : x -> F.conv1d(x, w, b, s, p, d, g);
            }
            case "convt" -> x -> F.convTranspose2d(x, w, b, ints(z, "stride"), ints(z, "padding"), ints(z, "output_padding"),
                    one(z, "groups"), ints(z, "dilation"));
            case "maxpool" -> x -> F.maxPool2d(x, ints(z, "kernel"), ints(z, "stride"), ints(z, "padding"), ints(z, "dilation"),
                    one(z, "ceil") != 0);
            case "avgpool" -> x -> F.avgPool2d(x, ints(z, "kernel"), ints(z, "stride"), ints(z, "padding"), one(z, "ceil") != 0,
                    one(z, "cip") != 0, one(z, "divisor") < 0 ? null : one(z, "divisor"));
            case "adaptive" -> {
                int[] o = ints(z, "output_size");
                yield x -> F.adaptiveAvgPool2d(x, o[0], o[1]);
            }
            case "batchnorm2d", "batchnorm1d" -> x -> F.batchNorm(x, rm, rv, w, b, one(z, "training") != 0, 0.1, 1e-5);
            case "layernorm" -> x -> F.layerNorm(x, new long[]{4, 5}, w, b, 1e-5);
            case "groupnorm" -> x -> F.groupNorm(x, one(z, "groups"), w, b, 1e-5);
            default -> throw new IllegalStateException("no forward for " + name);
        };
    }

    static void close(String what, Tensor expected, Tensor actual) {
        assertTrue(actual != null, what + ": missing");
        assertArrayEquals(expected.size().toArray(), actual.size().toArray(), what + ": shape");
        assertTrue(actual.allclose(expected, 1e-4, 1e-5), () -> what + ": max abs diff "
                + actual.sub(expected).abs().max().item() + "\nexpected " + expected + "\nactual " + actual);
    }
}

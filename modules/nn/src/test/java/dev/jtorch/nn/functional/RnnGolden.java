package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;
import dev.jtorch.io.Npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One case written by {@code tools/golden/gen_rnn_attention_fixtures.py} (real PyTorch 1.13): parameters
 * {@code p.*}, inputs {@code x.*}, outputs {@code y.*}, loss weights {@code w.*} and gradients {@code g.*}.
 */
public final class RnnGolden {
    private static final Path ROOT = Path.of("src", "test", "resources", "golden", "rnn");

    private final String name;
    private final Map<String, Tensor> tensors = new TreeMap<>();

    private RnnGolden(String name) {
        this.name = name;
        try (Stream<Path> files = Files.list(ROOT.resolve(name))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                tensors.put(file.substring(0, file.length() - ".npy".length()), Npy.load(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("golden case " + name, e);
        }
    }

    public static RnnGolden load(String name) { return new RnnGolden(name); }

    /** PyTorch's state_dict, by PyTorch's names. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new TreeMap<>();
        tensors.forEach((k, v) -> { if (k.startsWith("p.")) out.put(k.substring(2), v); });
        return out;
    }

    public Tensor parameter(String key) { return get("p." + key); }

    /** A floating input comes back as a fresh leaf that requires grad; masks as they are; null when absent. */
    public Tensor input(String key) {
        Tensor t = tensors.get("x." + key);
        if (t == null) return null;
        return t.isFloatingPoint() && tensors.containsKey("g.x." + key) ? t.detach().clone().requiresGrad_() : t;
    }

    public Tensor output(String key) { return get("y." + key); }

    public Tensor parameterGrad(String key) { return get("g.p." + key); }

    public Tensor inputGrad(String key) { return get("g.x." + key); }

    /** The golden scalar loss: sum over the named outputs of (y * w).sum(). */
    public Tensor loss(Map<String, Tensor> outputs) {
        Tensor loss = null;
        for (var e : outputs.entrySet()) {
            Tensor term = e.getValue().mul(get("w." + e.getKey())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        return loss;
    }

    private Tensor get(String key) {
        Tensor t = tensors.get(key);
        assertNotNull(t, () -> name + ": no golden tensor " + key);
        return t;
    }

    /** Same shape, values within atol + rtol·|expected|. */
    public static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertNotNull(actual, what + " is null");
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.detach().toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(e[i] - a[i]);
            int at = i;
            assertTrue(diff <= tol + tol * Math.abs(e[i]) || (Double.isNaN(e[i]) && Double.isNaN(a[i])),
                    () -> what + " differs at flat index " + at + ": expected " + e[at] + ", got " + a[at]);
        }
    }
}

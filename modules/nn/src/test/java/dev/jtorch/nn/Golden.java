package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.io.Npz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The fixtures of tools/golden/gen_nn_fixtures.py (real PyTorch 1.13 values). */
final class Golden {
    private Golden() {}

    private static Map<String, Tensor> tensors;
    private static Map<String, String> strings;

    static Path resource(String name) {
        try {
            return Path.of(Golden.class.getResource("/golden/nn/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized Tensor t(String key) {
        if (tensors == null) {
            try {
                tensors = Npz.load(resource("tensors.npz"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Tensor t = tensors.get(key);
        if (t == null) throw new IllegalArgumentException("no golden tensor " + key);
        return t.clone();
    }

    static boolean has(String key) {
        t("init.after");
        return tensors.containsKey(key);
    }

    static synchronized String s(String key) {
        if (strings == null) {
            strings = new LinkedHashMap<>();
            try (InputStream in = Golden.class.getResourceAsStream("/golden/nn/strings.txt")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String current = null;
                StringBuilder sb = new StringBuilder();
                for (String line : text.split("\n", -1)) {
                    if (line.startsWith("=== ")) {
                        if (current != null) strings.put(current, sb.substring(0, sb.length() - 1));
                        current = line.substring(4);
                        sb.setLength(0);
                    } else {
                        sb.append(line).append('\n');
                    }
                }
                // the file ends with "value\n", so the last block has one extra newline from the split
                if (current != null) strings.put(current, sb.substring(0, sb.length() - 2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String v = strings.get(key);
        if (v == null) throw new IllegalArgumentException("no golden string " + key);
        return v;
    }

    /** Same shape and values within |a − e| ≤ atol + rtol·|e| (NaN matches NaN). */
    static void assertClose(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        if (actual == null) fail(what + ": got null");
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray(), what + ": shape");
        double[] e = expected.to(DType.FLOAT64).toDoubleArray();
        double[] a = actual.to(DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
                    : (e[i] == a[i]) || Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]);
            if (!ok) fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]
                    + "\nexpected " + Arrays.toString(e) + "\nactual   " + Arrays.toString(a));
        }
    }

    static void assertClose(Tensor expected, Tensor actual, String what) { assertClose(expected, actual, 1e-5, 1e-6, what); }

    /** Bit-for-bit equal values, same shape and dtype. */
    static void assertExact(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray(), what + ": shape");
        assertArrayEquals(expected.to(DType.FLOAT64).toDoubleArray(), actual.to(DType.FLOAT64).toDoubleArray(), 0.0, what);
    }
}

package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.io.Npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fixtures tools/golden/gen_optim_fixtures.py wrote with PyTorch 1.13 (see its docstring for the layout). */
public final class Golden {
    private Golden() {}

    /** One line of a manifest: case name, class name, key=value options. */
    public record Case(String name, List<String> kinds, Map<String, String> options) {
        public double num(String key, double fallback) { return options.containsKey(key) ? Double.parseDouble(options.get(key)) : fallback; }
        public int integer(String key, int fallback) { return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback; }
        public boolean flag(String key) { return "True".equals(options.get(key)); }
        public String str(String key, String fallback) { return options.containsKey(key) ? options.get(key).replace("'", "") : fallback; }
        /** "[0.8/0.99]" */
        public double[] nums(String key) {
            String v = options.get(key);
            if (v == null) return null;
            String[] parts = v.substring(1, v.length() - 1).split("/");
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) out[i] = Double.parseDouble(parts[i]);
            return out;
        }
        public List<Integer> ints(String key) {
            List<Integer> out = new ArrayList<>();
            for (double d : nums(key)) out.add((int) d);
            return out;
        }
        @Override public String toString() { return name; }
    }

    public static Path dir() {
        try {
            return Path.of(Golden.class.getResource("/golden/optim/optimizers.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cases of a manifest; {@code kindCount} leading words after the name are class names. */
    public static List<Case> manifest(String file, int kindCount) {
        try {
            List<Case> out = new ArrayList<>();
            for (String line : Files.readAllLines(dir().resolve(file))) {
                if (line.isBlank()) continue;
                String[] words = line.trim().split(" ");
                Map<String, String> opts = new LinkedHashMap<>();
                for (int i = 1 + kindCount; i < words.length; i++) {
                    int eq = words[i].indexOf('=');
                    opts.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                }
                out.add(new Case(words[0], List.of(words).subList(1, 1 + kindCount), opts));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Tensor load(String file) {
        try {
            return Npy.load(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

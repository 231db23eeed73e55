package dev.jtorch.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** `name = value` files under golden/data, written by tools/golden/*.py. */
final class Golden {
    private Golden() {}

    static Map<String, String> read(String file) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/data/" + file)) {
            if (in == null) throw new IllegalStateException("missing golden file " + file);
            Map<String, String> out = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int eq = line.indexOf(" = ");
                out.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Batches written as `1 2 | 3 4`. */
    static List<long[]> groups(String value) {
        List<long[]> out = new ArrayList<>();
        for (String g : value.split("\\|")) out.add(longs(g));
        return out;
    }

    static long[] longs(String value) {
        return Arrays.stream(value.strip().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }
}

package dev.jtorch.simd.print;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of {@code golden/print/print_cases.txt}, written by {@code tools/golden/gen_print_fixtures.py}
 * (the format is described there): the fields of the case, keyed by their line's first word.
 */
record PrintFixture(String name, Map<String, String> fields) {

    static final String RESOURCE = "/golden/print/print_cases.txt";

    String field(String key) { return fields.get(key); }

    /** The whitespace-separated words of a field; empty when the field is absent or blank. */
    String[] words(String key) {
        String v = fields.get(key);
        return v == null || v.isBlank() ? new String[0] : v.trim().split("\\s+");
    }

    /** PyTorch's repr, decoded from its JSON string literal. */
    String expected() { return decodeJsonString(fields.get("repr")); }

    static List<PrintFixture> load() {
        InputStream in = PrintFixture.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException("missing test resource " + RESOURCE);
        List<PrintFixture> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line = r.readLine(); ; line = r.readLine()) {
                if (line == null || line.isBlank()) {
                    if (!fields.isEmpty()) cases.add(new PrintFixture(fields.get("case"), fields));
                    fields = new LinkedHashMap<>();
                    if (line == null) break;
                    continue;
                }
                if (line.startsWith("#")) continue;
                int sp = line.indexOf(' ');
                fields.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Decodes the JSON string literal written by Python's {@code json.dumps}. */
    static String decodeJsonString(String literal) {
        String s = literal.trim();
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            throw new IllegalArgumentException("not a JSON string: " + literal);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '"', '\\', '/' -> sb.append(e);
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + literal);
            }
        }
        return sb.toString();
    }
}

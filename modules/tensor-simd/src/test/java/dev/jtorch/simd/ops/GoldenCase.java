package dev.jtorch.simd.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One case of the op-table fixtures written by tools/golden/gen_op_fixtures.py from real PyTorch. */
record GoldenCase(int id, String op, List<String[]> inputs, Map<String, String> args, List<String[]> outputs,
                  String error, String note) {

    static List<GoldenCase> load(String resource) throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        try (InputStream in = GoldenCase.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int id = 0;
            String op = null, error = null, note = null;
            List<String[]> ins = new ArrayList<>(), outs = new ArrayList<>();
            Map<String, String> args = new LinkedHashMap<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                int sp = line.indexOf(' ');
                String key = sp < 0 ? line : line.substring(0, sp), rest = sp < 0 ? "" : line.substring(sp + 1);
                switch (key) {
                    case "case" -> {
                        id = Integer.parseInt(rest);
                        op = null; error = null; note = null;
                        ins = new ArrayList<>(); outs = new ArrayList<>(); args = new LinkedHashMap<>();
                    }
                    case "op" -> op = rest;
                    case "in" -> ins.add(rest.split(" ", -1));
                    case "arg" -> {
                        int s2 = rest.indexOf(' ');
                        args.put(rest.substring(0, s2), rest.substring(s2 + 1));
                    }
                    case "out" -> outs.add(rest.split(" ", -1));
                    case "err" -> error = rest;
                    case "note" -> note = rest;
                    case "end" -> cases.add(new GoldenCase(id, op, ins, args, outs, error, note));
                    default -> throw new IOException("bad fixture line: " + line);
                }
            }
        }
        return cases;
    }

    String describe() {
        StringBuilder sb = new StringBuilder("#" + id + " " + op);
        for (String[] in : inputs) sb.append(" ").append(in[0].equals("t") ? in[1] + "[" + in[2] + "]" : in[0] + ":" + in[1]);
        if (!args.isEmpty()) sb.append(" ").append(args);
        return sb.toString();
    }
}

package dev.jtorch.simd.views;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * View ops against PyTorch (golden/views/views.txt from tools/golden/gen_view_fixtures.py): the
 * same shape, strides, storage offset, contiguity and values, and the same errors. The fixture's
 * Python expressions are evaluated by a tiny interpreter that calls the Java API.
 */
class ViewsGoldenTest {

    @TestFactory
    Stream<DynamicTest> viewsMatchPyTorch() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/golden/views/views.txt")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) lines.add(l);
            }
        }
        return lines.stream().map(l -> DynamicTest.dynamicTest(l.substring(0, l.indexOf(" | ")), () -> check(l)));
    }

    private static void check(String line) {
        String[] f = line.split(" \\| ", -1);
        if (f[1].equals("error")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> new Expr(f[0]).eval());
            assertTrue(e.getMessage().contains(f[2]), "got: " + e.getMessage() + "\nexpected: " + f[2]);
            return;
        }
        Tensor r = new Expr(f[0]).eval();
        assertArrayEquals(longs(f[1]), r.shape().toArray(), "shape");
        assertArrayEquals(longs(f[2]), r.stride(), "stride");
        assertEquals(Long.parseLong(f[3]), r.storageOffset(), "storage offset");
        assertEquals(Boolean.parseBoolean(f[4]), r.isContiguous(), "contiguous");
        String[] vals = f[5].isEmpty() ? new String[0] : f[5].split(" ");
        if (r.dtype().isFloatingPoint()) {
            double[] got = r.toDoubleArray();
            assertArrayEquals(Arrays.stream(vals).mapToDouble(Double::parseDouble).toArray(), got, "values");
        } else {
            assertArrayEquals(Arrays.stream(vals).mapToLong(Long::parseLong).toArray(), r.toLongArray(), "values");
        }
    }

    private static long[] longs(String s) {
        return s.equals("-") ? new long[0] : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** Views share storage with their base: writes through one are seen through the other. */
    @Test
    void writesThroughAViewAreSeenByTheBase() {
        Tensor x = Torch.arange(0.0, 24, 1).reshape(2, 3, 4);
        Tensor v = x.transpose(0, 2).select(1, 1).narrow(0, 1, 2);
        v.fill_(-1.0);
        assertEquals(-1.0, x.get("0, 1, 1").item());
        assertEquals(-1.0, x.get("1, 1, 2").item());
        assertEquals(4, x.eq(-1.0).sum().itemLong());
        Tensor e = Torch.arange(3.0, 0, -1).view(3, 1).expand(3, 5);
        assertSame(e.untypedStorage(), e.get("1").untypedStorage());
        assertEquals(1, x.version(), "a view's in-place write bumps the shared version counter");
    }

    @Test
    void reshapeCopiesOnlyWhenItMust() {
        Tensor x = Torch.arange(12.0, 0, -1).reshape(3, 4);
        assertSame(x.untypedStorage(), x.reshape(4, 3).untypedStorage(), "contiguous reshape is a view");
        Tensor t = x.t();
        Tensor r = t.reshape(-1);
        assertTrue(r.untypedStorage() != x.untypedStorage(), "a transposed reshape to 1-D must copy");
        assertArrayEquals(new double[]{12, 8, 4, 11, 7, 3, 10, 6, 2, 9, 5, 1}, r.toDoubleArray());
    }

    @Test
    void resizeKeepsElementsAndGrowsStorage() {
        Tensor x = Torch.arange(6.0, 0, -1).reshape(2, 3);
        Tensor alias = x.view(-1);
        x.resize_(3, 3);
        assertArrayEquals(new long[]{3, 3}, x.shape().toArray());
        assertArrayEquals(new double[]{6, 5, 4, 3, 2, 1}, x.view(-1).narrow(0, 0, 6).toDoubleArray());
        x.resize_(2, 2);
        assertArrayEquals(new double[]{6, 5, 4, 3}, x.toDoubleArray());
        assertSame(alias.untypedStorage(), x.untypedStorage(), "views see the grown storage");
        assertEquals(9 * 4, x.untypedStorage().byteSize());
    }

    /** Parses and evaluates a Python call chain such as {@code x.transpose(0, 1).view(-1)} or {@code m[:, 1:-1]}. */
    private static final class Expr {
        private final String s;
        private int p;

        Expr(String s) { this.s = s; }

        Tensor eval() {
            Tensor t = primary();
            skip();
            if (p != s.length()) throw new IllegalStateException("trailing input in " + s);
            return t;
        }

        private Tensor primary() {
            skip();
            String name = ident();
            Tensor t = switch (name) {
                case "x" -> Torch.arange(0.0, 24, 1).reshape(2, 3, 4);
                case "m" -> Torch.arange(0.0, 12, 1).reshape(3, 4);
                case "v" -> Torch.arange(0.0, 6, 1);
                case "s" -> Torch.tensor(7.0);
                default -> throw new IllegalStateException("unknown source " + name);
            };
            while (p < s.length()) {
                char c = s.charAt(p);
                if (c == '.') {
                    p++;
                    String m = ident();
                    if (m.equals("T")) t = t.T();
                    else if (m.equals("mT")) t = t.mT();
                    else t = call(t, m, args());
                } else if (c == '[') {
                    int close = s.indexOf(']', p);
                    t = t.get(s.substring(p + 1, close));
                    p = close + 1;
                } else {
                    break;
                }
            }
            return t;
        }

        private List<Object> args() {
            List<Object> a = new ArrayList<>();
            expect('(');
            skip();
            if (s.charAt(p) == ')') { p++; return a; }
            while (true) {
                a.add(arg());
                skip();
                char c = s.charAt(p++);
                if (c == ')') return a;
                if (c != ',') throw new IllegalStateException("bad args in " + s);
            }
        }

        private Object arg() {
            skip();
            char c = s.charAt(p);
            if (c == '(') {
                p++;
                List<Long> l = new ArrayList<>();
                while (true) {
                    skip();
                    if (s.charAt(p) == ')') { p++; break; }
                    l.add(number());
                    skip();
                    if (s.charAt(p) == ',') p++;
                }
                return l.stream().mapToLong(Long::longValue).toArray();
            }
            if (c == '-' || Character.isDigit(c)) return number();
            if (s.startsWith("torch.", p)) {
                p += 6;
                return DType.of(ident());
            }
            return primary();
        }

        private long number() {
            skip();
            int st = p;
            if (s.charAt(p) == '-') p++;
            while (p < s.length() && Character.isDigit(s.charAt(p))) p++;
            return Long.parseLong(s.substring(st, p));
        }

        private String ident() {
            int st = p;
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) p++;
            return s.substring(st, p);
        }

        private void expect(char c) {
            skip();
            if (s.charAt(p++) != c) throw new IllegalStateException("expected " + c + " in " + s);
        }

        private void skip() {
            while (p < s.length() && s.charAt(p) == ' ') p++;
        }

        private static long[] ls(List<Object> a) {
            return a.stream().mapToLong(o -> (Long) o).toArray();
        }

        private static int i(Object o) { return (int) (long) (Long) o; }

        private static int[] is(List<Object> a) {
            return a.stream().mapToInt(Expr::i).toArray();
        }

        private static Tensor call(Tensor t, String m, List<Object> a) {
            return switch (m) {
                case "view" -> a.get(0) instanceof DType d ? t.view(d) : t.view(ls(a));
                case "reshape" -> t.reshape(ls(a));
                case "flatten" -> a.isEmpty() ? t.flatten() : a.size() == 1 ? t.flatten(i(a.get(0))) : t.flatten(i(a.get(0)), i(a.get(1)));
                case "unflatten" -> t.unflatten(i(a.get(0)), (long[]) a.get(1));
                case "permute" -> t.permute(is(a));
                case "transpose" -> t.transpose(i(a.get(0)), i(a.get(1)));
                case "t" -> t.t();
                case "squeeze" -> a.isEmpty() ? t.squeeze() : t.squeeze(i(a.get(0)));
                case "unsqueeze" -> t.unsqueeze(i(a.get(0)));
                case "expand" -> t.expand(ls(a));
                case "expand_as" -> t.expandAs((Tensor) a.get(0));
                case "narrow" -> t.narrow(i(a.get(0)), (Long) a.get(1), (Long) a.get(2));
                case "select" -> t.select(i(a.get(0)), (Long) a.get(1));
                case "unfold" -> t.unfold(i(a.get(0)), (Long) a.get(1), (Long) a.get(2));
                case "diagonal" -> t.diagonal(a.isEmpty() ? 0 : (Long) a.get(0), a.size() > 1 ? i(a.get(1)) : 0,
                        a.size() > 2 ? i(a.get(2)) : 1);
                case "as_strided" -> a.size() == 2 ? t.asStrided((long[]) a.get(0), (long[]) a.get(1))
                        : t.asStrided((long[]) a.get(0), (long[]) a.get(1), (Long) a.get(2));
                default -> throw new IllegalStateException("unknown method " + m);
            };
        }
    }
}

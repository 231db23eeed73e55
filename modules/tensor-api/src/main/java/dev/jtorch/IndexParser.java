package dev.jtorch;

import dev.jtorch.spi.HostStorage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns Java values and Python-style strings into {@link Index} lists. */
final class IndexParser {
    private IndexParser() {}

    // ---------------------------------------------------------------- Java values

    static List<Index> convert(Object[] items) {
        if (items == null) return List.of(Index.NONE); // x.get((Object[]) null): Python's x[None]
        List<Index> out = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            Object o = items[i];
            switch (o) {
                case null -> out.add(Index.NONE);
                case Index ix -> out.add(ix);
                case Tensor t -> out.add(new Index.TensorIndex(t));
                case Long l -> out.add(Index.at(l));
                case java.lang.Integer n -> out.add(Index.at(n));
                case Short s -> out.add(Index.at(s));
                case Byte b -> out.add(Index.at(b));
                case Boolean b -> out.add(new Index.TensorIndex(boolScalar(b)));
                case long[] a -> out.add(new Index.TensorIndex(longs(a.clone(), new long[]{a.length})));
                case int[] a -> out.add(new Index.TensorIndex(longs(Arrays.stream(a).asLongStream().toArray(),
                        new long[]{a.length})));
                case boolean[] a -> out.add(new Index.TensorIndex(bools(a, new long[]{a.length})));
                case String s -> out.addAll(parse(s));
                default -> throw new IllegalArgumentException("unsupported index of type " + o.getClass().getName()
                        + " at position " + i + ": expected an integer, an Index, a Tensor, long[]/int[]/boolean[],"
                        + " a Boolean, a String or null (None)");
            }
        }
        return List.copyOf(out);
    }

    private static Tensor longs(long[] values, long[] shape) {
        return Creation.wrap(HostStorage.wrapArray(values, DType.INT64), DType.INT64, values.length, shape);
    }

    private static Tensor bools(boolean[] values, long[] shape) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (values[i] ? 1 : 0);
        return Creation.wrap(HostStorage.wrapArray(b, DType.BOOL), DType.BOOL, b.length, shape);
    }

    private static Tensor boolScalar(boolean v) {
        return new Tensor(HostStorage.wrapArray(new byte[]{(byte) (v ? 1 : 0)}, DType.BOOL), DType.BOOL, new long[0], new long[0], 0,
                new VersionCounter(), false);
    }

    // ---------------------------------------------------------------- Python notation

    /**
     * {@code spec := entry (',' entry)* [',']}, {@code entry := '...' | None | True | False | list | slice | int},
     * {@code slice := [int] ':' [int] [':' [int]]}, {@code list := '[' elements ']'}. Whitespace is free.
     */
    static List<Index> parse(String spec) {
        if (spec == null) throw new IllegalArgumentException("index string must not be null");
        return new Parser(spec).all();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) { this.s = s; }

        List<Index> all() {
            List<Index> out = new ArrayList<>();
            skipWs();
            if (pos == s.length()) return List.of(); // x[()]
            while (true) {
                out.add(entry());
                skipWs();
                if (pos == s.length()) break;
                expect(',');
                skipWs();
                if (pos == s.length()) break; // trailing comma, as in Python's x[0,]
            }
            return List.copyOf(out);
        }

        private Index entry() {
            skipWs();
            if (s.startsWith("...", pos)) {
                pos += 3;
                return Index.ELLIPSIS;
            }
            if (word("None")) return Index.NONE;
            if (word("True")) return new Index.TensorIndex(boolScalar(true));
            if (word("False")) return new Index.TensorIndex(boolScalar(false));
            if (peek() == '[') return new Index.TensorIndex(list());
            Long start = optionalInt();
            skipWs();
            if (peek() != ':') {
                if (start == null) throw error("an integer, a slice, '...', None, True, False or a [list]");
                return Index.at(start);
            }
            pos++;
            Long stop = optionalInt();
            skipWs();
            long step = 1;
            if (peek() == ':') {
                pos++;
                Long st = optionalInt();
                if (st != null) step = st;
            }
            return new Index.Slice(start, stop, step);
        }

        /** A nested list of integers (an int64 index) or of True/False (a bool mask). */
        private Tensor list() {
            int at = pos;
            Object nested = listLiteral();
            List<Long> shape = new ArrayList<>();
            for (Object o = nested; o instanceof List<?> l; o = l.isEmpty() ? null : l.get(0)) shape.add((long) l.size());
            List<Object> flat = new ArrayList<>();
            flatten(nested, 0, shape, flat, at);
            long[] sh = shape.stream().mapToLong(Long::longValue).toArray();
            if (flat.isEmpty()) return longs(new long[0], sh);
            boolean isBool = flat.get(0) instanceof Boolean;
            for (Object v : flat) {
                if ((v instanceof Boolean) != isBool) {
                    pos = at;
                    throw error("a list of only integers or only True/False");
                }
            }
            if (isBool) {
                boolean[] b = new boolean[flat.size()];
                for (int i = 0; i < b.length; i++) b[i] = (Boolean) flat.get(i);
                return bools(b, sh);
            }
            return longs(flat.stream().mapToLong(v -> (Long) v).toArray(), sh);
        }

        private void flatten(Object o, int depth, List<Long> shape, List<Object> flat, int at) {
            boolean isList = o instanceof List<?>;
            if (isList != (depth < shape.size()) || (isList && ((List<?>) o).size() != shape.get(depth))) {
                pos = at;
                throw error("a list of equal-length lists (the list is ragged)");
            }
            if (isList) for (Object e : (List<?>) o) flatten(e, depth + 1, shape, flat, at);
            else flat.add(o);
        }

        private List<Object> listLiteral() {
            expect('[');
            List<Object> items = new ArrayList<>();
            skipWs();
            while (peek() != ']') {
                if (peek() == '[') items.add(listLiteral());
                else if (word("True")) items.add(Boolean.TRUE);
                else if (word("False")) items.add(Boolean.FALSE);
                else {
                    Long v = optionalInt();
                    if (v == null) throw error("an integer, True, False or a list");
                    items.add(v);
                }
                skipWs();
                if (peek() == ',') {
                    pos++;
                    skipWs();
                } else if (peek() != ']') {
                    throw error("',' or ']'");
                }
            }
            pos++;
            return items;
        }

        private Long optionalInt() {
            skipWs();
            int start = pos;
            if (peek() == '+' || peek() == '-') {
                pos++;
                skipWs();
            }
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == digits) {
                if (digits != start) throw error("digits after the sign");
                return null;
            }
            String text = (s.charAt(start) == '-' ? "-" : "") + s.substring(digits, pos);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("an integer that fits in 64 bits");
            }
        }

        private boolean word(String w) {
            if (!s.startsWith(w, pos)) return false;
            int end = pos + w.length();
            if (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) return false;
            pos = end;
            return true;
        }

        private char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }

        private void expect(char c) {
            if (peek() != c) throw error("'" + c + "'");
            pos++;
        }

        private void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        private IllegalArgumentException error(String expected) {
            String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "the end";
            return new IllegalArgumentException("invalid index \"" + s + "\": expected " + expected + " at position "
                    + pos + " but found " + found);
        }
    }
}

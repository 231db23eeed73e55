package dev.jtorch.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON subset file headers need (safetensors): objects (as {@link LinkedHashMap}, keeping key order),
 * arrays (as {@link List}), strings, integers (as {@link Long}), other numbers (as {@link Double}), booleans and
 * null. Strict: duplicate keys, trailing garbage and malformed text are errors, never guesses.
 */
final class Json {
    private final String text;
    private int pos;

    private Json(String text) { this.text = text; }

    /** Parses one JSON value that fills {@code text} (surrounding whitespace allowed). */
    static Object parse(String text) {
        Json p = new Json(text);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) throw p.error("unexpected text after the JSON value");
        return value;
    }

    private Object value(int depth) {
        if (depth > 64) throw error("nesting too deep");
        if (pos >= text.length()) throw error("unexpected end of JSON text");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // '{'
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') { pos++; return out; }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a string key");
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (out.containsKey(key)) throw error("duplicate key \"" + key + "\"");
            out.put(key, v);
            skipWhitespace();
            char c = next();
            if (c == '}') return out;
            if (c != ',') throw error("expected ',' or '}' in an object");
        }
    }

    private List<Object> array(int depth) {
        pos++; // '['
        List<Object> out = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') { pos++; return out; }
        while (true) {
            skipWhitespace();
            out.add(value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') return out;
            if (c != ',') throw error("expected ',' or ']' in an array");
        }
    }

    private String string() {
        pos++; // '"'
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("control character in a string");
            if (c != '\\') { sb.append(c); continue; }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("unexpected end of JSON text");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) throw error("bad \\u escape");
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') pos++;
        else if (!digits()) throw error("bad number");
        boolean integral = true;
        if (peek() == '.') { pos++; integral = false; if (!digits()) throw error("bad number"); }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-') pos++;
            if (!digits()) throw error("bad number");
        }
        String s = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error("integer " + s + " out of range");
            }
        }
        return Double.parseDouble(s);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw error("unexpected text");
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private char peek() { return pos < text.length() ? text.charAt(pos) : '\0'; }

    private char next() {
        if (pos >= text.length()) throw error("unexpected end of JSON text");
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) throw error("expected '" + c + "'");
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }

    // ------------------------------------------------------------------ writing

    /** A JSON string literal for {@code s} (non-ASCII kept as UTF-16 escapes so the output is plain ASCII). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}

package dev.jtorch.io;

import dev.jtorch.DType;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@code .npy} file: a Python dict literal with the element type ({@code descr}),
 * the memory order and the shape. Writes exactly what NumPy 1.24 writes; reads any header NumPy
 * writes (any key order, versions 1.0 to 3.0), rejecting element types PyTorch has no dtype for.
 */
record NpyHeader(DType dtype, ByteOrder order, boolean fortranOrder, long[] shape) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21; // NumPy leaves room to grow the first dim in place

    // ------------------------------------------------------------------ writing

    /** Magic, version, length and the padded dict, as {@code numpy.save} writes them (version 1.0 unless too long). */
    byte[] encode() {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr(dtype)).append("', 'fortran_order': ")
                .append(fortranOrder ? "True" : "False").append(", 'shape': ").append(shapeRepr()).append(", }");
        if (shape.length > 0) {
            long growthDim = shape[fortranOrder ? shape.length - 1 : 0];
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growthDim).length())));
        }
        byte[] v1 = wrap(dict.toString(), 1);
        return v1 != null ? v1 : wrap(dict.toString(), 2);
    }

    private static byte[] wrap(String dict, int major) {
        int lenBytes = major == 1 ? 2 : 4;
        int hlen = dict.length() + 1;
        int pad = ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ALIGN);
        long total = (long) hlen + pad;
        if (major == 1 && total > 0xFFFF) return null;
        byte[] out = new byte[MAGIC.length + 2 + lenBytes + (int) total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lenBytes; i++) out[8 + i] = (byte) (total >>> (8 * i));
        int p = 8 + lenBytes;
        for (int i = 0; i < dict.length(); i++) out[p++] = (byte) dict.charAt(i);
        while (p < out.length - 1) out[p++] = ' ';
        out[p] = '\n';
        return out;
    }

    private String shapeRepr() {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append(')').toString();
    }

    /** NumPy's little-endian type string for a dtype; bfloat16 has none. */
    static String descr(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case FLOAT16 -> "<f2";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case INT16 -> "<i2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
            case BFLOAT16 -> throw new IllegalArgumentException("bfloat16 has no NumPy dtype, so it cannot be saved as .npy "
                    + "(PyTorch's .numpy() refuses it too); convert first, e.g. tensor.to(DType.FLOAT32)");
        };
    }

    // ------------------------------------------------------------------ reading

    /** Parses the dict text of a header; {@code source} names the file in errors. */
    static NpyHeader parse(String text, String source) throws IOException {
        Parser p = new Parser(text, source);
        String descr = null;
        Boolean fortran = null;
        long[] shape = null;
        p.expect('{');
        while (!p.peek('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr" -> {
                    if (p.peek('[')) throw p.error("structured dtypes (record arrays) are not supported");
                    descr = p.string();
                }
                case "fortran_order" -> fortran = p.bool();
                case "shape" -> shape = p.tuple();
                default -> throw p.error("unexpected key '" + key + "' in the header");
            }
            if (!p.peek('}')) p.expect(',');
        }
        p.expect('}');
        if (descr == null || fortran == null || shape == null) {
            throw p.error("the header lacks one of 'descr', 'fortran_order' and 'shape'");
        }
        return fromDescr(descr, fortran, shape, source);
    }

    private static NpyHeader fromDescr(String descr, boolean fortran, long[] shape, String source) throws IOException {
        char prefix = descr.isEmpty() ? 0 : descr.charAt(0);
        String code = "<>|=".indexOf(prefix) >= 0 ? descr.substring(1) : descr;
        ByteOrder order = switch (prefix) {
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> ByteOrder.LITTLE_ENDIAN;
        };
        DType dtype = switch (code) {
            case "f2" -> DType.FLOAT16;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "i1" -> DType.INT8;
            case "i2" -> DType.INT16;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "u1" -> DType.UINT8;
            case "b1" -> DType.BOOL;
            default -> throw new IOException(source + ": unsupported NumPy dtype '" + descr + "'" + hint(code));
        };
        return new NpyHeader(dtype, order, fortran, shape);
    }

    private static String hint(String code) {
        if (code.startsWith("c")) return " (complex arrays are not supported)";
        if (code.startsWith("O")) return " (object arrays are not supported)";
        if (code.startsWith("u")) return " (PyTorch has no unsigned integer type wider than uint8)";
        if (code.startsWith("U") || code.startsWith("S")) return " (string arrays are not supported)";
        return "";
    }

    /** A tiny reader for the Python literals a header holds: strings, True/False, tuples of ints. */
    private static final class Parser {
        private final String s;
        private final String source;
        private int i;

        Parser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        IOException error(String what) { return new IOException(source + ": bad .npy header: " + what + " in \"" + s.strip() + "\""); }

        private void skipSpace() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        boolean peek(char c) {
            skipSpace();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) throws IOException {
            if (!peek(c)) throw error("expected '" + c + "' at offset " + i);
            i++;
        }

        String string() throws IOException {
            skipSpace();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) throw error("expected a string at offset " + i);
            char q = s.charAt(i++);
            int end = s.indexOf(q, i);
            if (end < 0) throw error("unterminated string");
            String v = s.substring(i, end);
            i = end + 1;
            return v;
        }

        boolean bool() throws IOException {
            skipSpace();
            if (s.startsWith("True", i)) { i += 4; return true; }
            if (s.startsWith("False", i)) { i += 5; return false; }
            throw error("expected True or False at offset " + i);
        }

        long[] tuple() throws IOException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (!peek(')')) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                if (start == i) throw error("expected a non-negative dimension at offset " + i);
                long d;
                try {
                    d = Long.parseLong(s.substring(start, i));
                } catch (NumberFormatException e) {
                    throw error("dimension too large");
                }
                if (i < s.length() && s.charAt(i) == 'L') i++; // Python 2 long literal
                dims.add(d);
                if (!peek(')')) expect(',');
            }
            expect(')');
            long[] shape = new long[dims.size()];
            for (int k = 0; k < shape.length; k++) shape[k] = dims.get(k);
            return shape;
        }
    }
}

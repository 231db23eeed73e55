package dev.jtorch.demo;

import java.util.Arrays;
import java.util.Map;

/** An RGB raster with the few drawing operations a line chart needs: rectangles, thick lines, dots and 5×7 text. */
final class Canvas {
    final int width;
    final int height;
    final int[] pixels;

    Canvas(int width, int height, int background) {
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
        Arrays.fill(pixels, background);
    }

    void set(int x, int y, int rgb) {
        if (x >= 0 && y >= 0 && x < width && y < height) pixels[y * width + x] = rgb;
    }

    void fillRect(int x, int y, int w, int h, int rgb) {
        for (int j = y; j < y + h; j++) for (int i = x; i < x + w; i++) set(i, j, rgb);
    }

    /** A line {@code thickness} pixels wide (Bresenham, stamping a square at each step). */
    void line(double x0, double y0, double x1, double y1, int thickness, int rgb) {
        int ax = (int) Math.round(x0), ay = (int) Math.round(y0), bx = (int) Math.round(x1), by = (int) Math.round(y1);
        int dx = Math.abs(bx - ax), dy = -Math.abs(by - ay), sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1, err = dx + dy;
        int half = thickness / 2;
        while (true) {
            fillRect(ax - half, ay - half, thickness, thickness, rgb);
            if (ax == bx && ay == by) return;
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; ax += sx; }
            if (e2 <= dx) { err += dx; ay += sy; }
        }
    }

    void dot(double x, double y, int radius, int rgb) {
        int cx = (int) Math.round(x), cy = (int) Math.round(y);
        for (int j = -radius; j <= radius; j++) for (int i = -radius; i <= radius; i++) if (i * i + j * j <= radius * radius) set(cx + i, cy + j, rgb);
    }

    /** Text with its top-left corner at (x, y); each font pixel is {@code scale}² pixels. Lower case prints as upper. */
    void text(int x, int y, String s, int scale, int rgb) {
        int cx = x;
        for (char ch : s.toUpperCase().toCharArray()) {
            int[] rows = FONT.get(ch);
            if (rows != null) {
                for (int r = 0; r < 7; r++) for (int c = 0; c < 5; c++) if ((rows[r] >> (4 - c) & 1) != 0) fillRect(cx + c * scale, y + r * scale, scale, scale, rgb);
            }
            cx += 6 * scale;
        }
    }

    static int textWidth(String s, int scale) { return s.isEmpty() ? 0 : (6 * s.length() - 1) * scale; }

    /** A 5×7 bitmap font: each glyph is 7 rows of 5 bits, most significant bit on the left. */
    private static final Map<Character, int[]> FONT = Map.ofEntries(
            glyph('0', "01110 10001 10011 10101 11001 10001 01110"), glyph('1', "00100 01100 00100 00100 00100 00100 01110"),
            glyph('2', "01110 10001 00001 00010 00100 01000 11111"), glyph('3', "11111 00010 00100 00010 00001 10001 01110"),
            glyph('4', "00010 00110 01010 10010 11111 00010 00010"), glyph('5', "11111 10000 11110 00001 00001 10001 01110"),
            glyph('6', "00110 01000 10000 11110 10001 10001 01110"), glyph('7', "11111 00001 00010 00100 01000 01000 01000"),
            glyph('8', "01110 10001 10001 01110 10001 10001 01110"), glyph('9', "01110 10001 10001 01111 00001 00010 01100"),
            glyph('.', "00000 00000 00000 00000 00000 01100 01100"), glyph('%', "11000 11001 00010 00100 01000 10011 00011"),
            glyph('-', "00000 00000 00000 11111 00000 00000 00000"), glyph(':', "00000 01100 01100 00000 01100 01100 00000"),
            glyph('(', "00010 00100 01000 01000 01000 00100 00010"), glyph(')', "01000 00100 00010 00010 00010 00100 01000"),
            glyph('/', "00000 00001 00010 00100 01000 10000 00000"), glyph(',', "00000 00000 00000 00000 01100 00100 01000"),
            glyph('=', "00000 00000 11111 00000 11111 00000 00000"), glyph('+', "00000 00100 00100 11111 00100 00100 00000"),
            glyph('A', "01110 10001 10001 11111 10001 10001 10001"), glyph('B', "11110 10001 10001 11110 10001 10001 11110"),
            glyph('C', "01110 10001 10000 10000 10000 10001 01110"), glyph('D', "11100 10010 10001 10001 10001 10010 11100"),
            glyph('E', "11111 10000 10000 11110 10000 10000 11111"), glyph('F', "11111 10000 10000 11110 10000 10000 10000"),
            glyph('G', "01110 10001 10000 10111 10001 10001 01111"), glyph('H', "10001 10001 10001 11111 10001 10001 10001"),
            glyph('I', "01110 00100 00100 00100 00100 00100 01110"), glyph('J', "00111 00010 00010 00010 00010 10010 01100"),
            glyph('K', "10001 10010 10100 11000 10100 10010 10001"), glyph('L', "10000 10000 10000 10000 10000 10000 11111"),
            glyph('M', "10001 11011 10101 10101 10001 10001 10001"), glyph('N', "10001 10001 11001 10101 10011 10001 10001"),
            glyph('O', "01110 10001 10001 10001 10001 10001 01110"), glyph('P', "11110 10001 10001 11110 10000 10000 10000"),
            glyph('Q', "01110 10001 10001 10001 10101 10010 01101"), glyph('R', "11110 10001 10001 11110 10100 10010 10001"),
            glyph('S', "01111 10000 10000 01110 00001 00001 11110"), glyph('T', "11111 00100 00100 00100 00100 00100 00100"),
            glyph('U', "10001 10001 10001 10001 10001 10001 01110"), glyph('V', "10001 10001 10001 10001 10001 01010 00100"),
            glyph('W', "10001 10001 10001 10101 10101 10101 01010"), glyph('X', "10001 10001 01010 00100 01010 10001 10001"),
            glyph('Y', "10001 10001 10001 01010 00100 00100 00100"), glyph('Z', "11111 00001 00010 00100 01000 10000 11111"));

    private static Map.Entry<Character, int[]> glyph(char c, String rows) {
        String[] r = rows.split(" ");
        int[] bits = new int[7];
        for (int i = 0; i < 7; i++) bits[i] = Integer.parseInt(r[i], 2);
        return Map.entry(c, bits);
    }
}

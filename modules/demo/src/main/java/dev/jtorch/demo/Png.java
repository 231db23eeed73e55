package dev.jtorch.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG encoder (8-bit RGB, no interlacing, filter 0), so that the demo's image needs no {@code java.desktop}
 * (and its jlinked runtime stays small): the signature, IHDR, one zlib-compressed IDAT and IEND, each chunk with its
 * CRC-32 as the PNG specification asks.
 */
final class Png {
    private Png() {}

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Encodes {@code rgb} (width × height pixels, 0xRRGGBB, row by row). */
    static byte[] encode(int width, int height, int[] rgb) {
        if (width <= 0 || height <= 0 || rgb.length != width * height) {
            throw new IllegalArgumentException("PNG: " + rgb.length + " pixels for a " + width + "x" + height + " image");
        }
        byte[] raw = new byte[height * (1 + 3 * width)];
        int p = 0;
        for (int y = 0; y < height; y++) {
            raw[p++] = 0; // filter type None
            for (int x = 0; x < width; x++) {
                int c = rgb[y * width + x];
                raw[p++] = (byte) (c >>> 16);
                raw[p++] = (byte) (c >>> 8);
                raw[p++] = (byte) c;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: truecolour
        // compression 0 (deflate), filter method 0, no interlace
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", deflate(raw));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Writes the image atomically: a temporary file next to {@code path}, then a rename. */
    static void write(Path path, int width, int height, int[] rgb) throws IOException {
        byte[] png = encode(width, height, rgb);
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            o.write(png);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION); // zlib format, as PNG's IDAT wants
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32(); // over the type and the data, not the length
        crc.update(typeBytes);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}

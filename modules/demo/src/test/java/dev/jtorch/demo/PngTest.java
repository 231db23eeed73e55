package dev.jtorch.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The PNG encoder's output read back chunk by chunk, as the PNG specification lays it out. */
class PngTest {
    private record Chunk(String type, byte[] data) {}

    private static List<Chunk> chunks(byte[] png) {
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
        ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
        List<Chunk> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int length = b.getInt();
            byte[] type = new byte[4], data = new byte[length];
            b.get(type).get(data);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            assertEquals((int) crc.getValue(), b.getInt(), "CRC of " + new String(type, StandardCharsets.US_ASCII));
            out.add(new Chunk(new String(type, StandardCharsets.US_ASCII), data));
        }
        return out;
    }

    @Test
    void headerDataAndEndChunksDecodeToThePixels() throws Exception {
        int[] rgb = {0xff0000, 0x00ff00, 0x0000ff, 0x123456, 0xffffff, 0x000000};
        List<Chunk> chunks = chunks(Png.encode(3, 2, rgb));
        assertEquals(List.of("IHDR", "IDAT", "IEND"), chunks.stream().map(Chunk::type).toList());
        ByteBuffer header = ByteBuffer.wrap(chunks.get(0).data());
        assertEquals(3, header.getInt());
        assertEquals(2, header.getInt());
        assertArrayEquals(new byte[]{8, 2, 0, 0, 0}, Arrays.copyOfRange(chunks.get(0).data(), 8, 13), "8-bit RGB, deflate, filter 0, no interlace");
        Inflater inflater = new Inflater();
        inflater.setInput(chunks.get(1).data());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        while (!inflater.finished()) raw.write(buf, 0, inflater.inflate(buf));
        inflater.end();
        byte[] expected = {0, (byte) 0xff, 0, 0, 0, (byte) 0xff, 0, 0, 0, (byte) 0xff,
                0, 0x12, 0x34, 0x56, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0};
        assertArrayEquals(expected, raw.toByteArray(), "each row: filter byte 0, then R G B per pixel");
        assertEquals(0, chunks.get(2).data().length);
    }

    @Test
    void refusesAPixelCountThatDoesNotFit() {
        assertThrows(IllegalArgumentException.class, () -> Png.encode(2, 2, new int[3]));
        assertThrows(IllegalArgumentException.class, () -> Png.encode(0, 1, new int[0]));
    }

    @Test
    void chartTicksAreRoundNumbersCoveringTheRange() {
        assertArrayEquals(new double[]{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1}, Chart.ticks(0.31, 1.02), 1e-12);
        assertArrayEquals(new double[]{80, 82, 84, 86, 88}, Chart.ticks(80.0, 87.5), 1e-12);
    }
}

package dev.jtorch.simd.interop;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.io.SafeTensors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The safetensors format: a file written from real PyTorch tensors, round trips, and corrupt files. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    static Path fixture() throws Exception {
        return Path.of(SafeTensorsTest.class.getResource("/golden/safetensors/mixed.safetensors").toURI());
    }

    @Test
    void readsEveryDtypeWrittenFromPyTorch() throws Exception {
        SafeTensors.Contents c = SafeTensors.read(fixture());
        Map<String, Tensor> t = c.tensors();
        assertEquals(Map.of("who", "torch 1.13", "note", "été"), c.metadata());
        assertEquals(List.of("b", "bf16", "empty", "f16", "f64", "i16", "i32", "i64", "i8", "scalar", "u8"), new ArrayList<>(t.keySet()));
        assertEquals(DType.BOOL, t.get("b").dtype());
        assertArrayEquals(new boolean[]{true, false, true}, t.get("b").toBooleanArray());
        assertEquals(DType.BFLOAT16, t.get("bf16").dtype());
        assertArrayEquals(new double[]{1.5, -2.0, 3.140625, 1.0002555517425873e+30}, t.get("bf16").toDoubleArray());
        assertArrayEquals(new long[]{0, 2}, t.get("empty").shape().toArray());
        assertArrayEquals(new float[]{0.5f, -1.25f, 65504f}, t.get("f16").toFloatArray());
        assertEquals(DType.FLOAT64, t.get("f64").dtype());
        double[] f64 = t.get("f64").toDoubleArray();
        for (int i = 0; i < 6; i++) assertEquals(i / 7.0, f64[i], 0.0);
        assertArrayEquals(new long[]{2, 3}, t.get("f64").shape().toArray());
        assertArrayEquals(new int[]{-300, 300}, t.get("i16").toIntArray());
        assertArrayEquals(new long[]{2, 1}, t.get("i32").shape().toArray());
        assertArrayEquals(new int[]{7, -8}, t.get("i32").toIntArray());
        assertArrayEquals(new long[]{-3, 0, 1L << 40}, t.get("i64").toLongArray());
        assertArrayEquals(new int[]{-128, 127}, t.get("i8").toIntArray());
        assertEquals(0, t.get("scalar").dim());
        assertEquals(3.5, t.get("scalar").item());
        assertEquals(DType.UINT8, t.get("u8").dtype());
        assertArrayEquals(new int[]{0, 255}, t.get("u8").toIntArray());
    }

    @Test
    void writesTheSameBytesAsTheHandWrittenPyTorchFile() throws Exception {
        SafeTensors.Contents c = SafeTensors.read(fixture());
        Path out = dir.resolve("again.safetensors");
        SafeTensors.save(out, c.tensors(), c.metadata());
        assertArrayEquals(Files.readAllBytes(fixture()), Files.readAllBytes(out));
    }

    @Test
    void roundTripsViewsAndEveryDtype() throws Exception {
        Map<String, Tensor> m = new LinkedHashMap<>();
        Tensor base = Torch.arange(0.0, 24.0, 1.0).view(2, 3, 4);
        m.put("transposed", base.transpose(0, 2));
        m.put("slice", base.get("1, 1:, ::2"));
        for (DType d : DType.values()) m.put("as_" + d.pyName(), base.to(d));
        Path p = dir.resolve("m.safetensors");
        SafeTensors.save(p, m);
        Map<String, Tensor> back = SafeTensors.load(p);
        assertEquals(new ArrayList<>(m.keySet()), new ArrayList<>(back.keySet()));
        for (var e : m.entrySet()) {
            Tensor b = back.get(e.getKey());
            assertEquals(e.getValue().dtype(), b.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape().toArray(), b.shape().toArray(), e.getKey());
            assertTrue(e.getValue().equal(b), e.getKey());
        }
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8, "the data starts 8-byte aligned");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFailedSaveLeavesTheOldFileAlone() throws Exception {
        Path p = dir.resolve("keep.safetensors");
        SafeTensors.save(p, Map.of("x", Torch.ones(3)));
        byte[] before = Files.readAllBytes(p);
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("y", Torch.zeros(2));
        bad.put("__metadata__", Torch.zeros(1));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, bad));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @TestFactory
    List<DynamicTest> everyTruncationIsAClearError() throws Exception {
        byte[] good = Files.readAllBytes(fixture());
        List<DynamicTest> tests = new ArrayList<>();
        for (int len = 0; len < good.length; len += (len < 16 || len > good.length - 16 ? 1 : 37)) {
            int n = len;
            tests.add(DynamicTest.dynamicTest("first " + n + " bytes", () -> {
                Path p = dir.resolve("t" + n);
                Files.write(p, java.util.Arrays.copyOf(good, n));
                IOException e = assertThrows(IOException.class, () -> SafeTensors.load(p));
                assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
            }));
        }
        return tests;
    }

    /** A file with the given header text and data size. */
    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path p = Files.createTempFile(dir, "c", ".safetensors");
        Files.write(p, b.array());
        return p;
    }

    @TestFactory
    List<DynamicTest> corruptHeadersAreRejectedWithTheReason() {
        String ok = "\"dtype\":\"F32\",\"shape\":[2]";
        Object[][] cases = {
                {"{\"a\":{" + ok + ",\"data_offsets\":[0,8]}", 8, "invalid JSON"},
                {"[1,2]", 0, "does not start with"},
                {"{} []", 0, "invalid JSON"},
                {"{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2, "dtype \"F8_E4M3\""},
                {"{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes"},
                {"{\"a\":{" + ok + ",\"data_offsets\":[0,8]},\"b\":{" + ok + ",\"data_offsets\":[4,12]}}", 12, "overlaps"},
                {"{\"a\":{" + ok + ",\"data_offsets\":[4,12]}}", 12, "gap"},
                {"{\"a\":{" + ok + ",\"data_offsets\":[0,8]}}", 12, "4 bytes after the last tensor"},
                {"{\"a\":{" + ok + ",\"data_offsets\":[0,8]}}", 4, "truncated"},
                {"{\"a\":{" + ok + ",\"data_offsets\":[0,8]},\"a\":{" + ok + ",\"data_offsets\":[0,8]}}", 8, "duplicate key"},
                {"{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "negative dimension"},
                {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "data_offsets is not a JSON array"},
                {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8, "non-integer"},
                {"{\"__metadata__\":{\"k\":1}}", 0, "not a string"},
                {"{\"a\":{" + ok + ",\"data_offsets\":[8,0]}}", 8, "invalid data_offsets"},
                {"{\"a\":{" + ok + ",\"data_offsets\":[0,8],\"extra\":1}}", 8, "unknown field"},
        };
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] c : cases) {
            tests.add(DynamicTest.dynamicTest((String) c[2], () -> {
                Path p = file((String) c[0], (Integer) c[1]);
                IOException e = assertThrows(IOException.class, () -> SafeTensors.load(p));
                assertTrue(e.getMessage().contains((String) c[2]), e.getMessage());
            }));
        }
        tests.add(DynamicTest.dynamicTest("implausible header length", () -> {
            Path p = dir.resolve("huge");
            Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).array());
            assertTrue(assertThrows(IOException.class, () -> SafeTensors.load(p)).getMessage().contains("implausible"));
        }));
        return tests;
    }

    /**
     * Every single-bit flip and every cut of a file either still loads (a flip in tensor data, or in a header digit
     * that stays consistent, cannot be told from a real file) or fails with an IOException that names the file.
     */
    @Test
    void everyBitFlipAndCutLoadsOrFailsClearly() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("w", Torch.arange(0, 6).to(DType.FLOAT32).reshape(2, 3));
        in.put("b", Torch.arange(0, 3));
        Path good = dir.resolve("good.safetensors"), bad = dir.resolve("bad.safetensors");
        SafeTensors.save(good, in);
        byte[] bytes = Files.readAllBytes(good);
        for (int at = 0; at < bytes.length * 8 + bytes.length; at++) {
            byte[] damaged;
            if (at < bytes.length * 8) {
                damaged = bytes.clone();
                damaged[at / 8] ^= (byte) (1 << (at % 8));
            } else {
                damaged = java.util.Arrays.copyOf(bytes, at - bytes.length * 8);
            }
            Files.write(bad, damaged);
            String what = at < bytes.length * 8 ? "bit " + at : "cut at " + (at - bytes.length * 8);
            try {
                SafeTensors.load(bad);
            } catch (IOException e) {
                assertTrue(e.getMessage() != null && e.getMessage().contains(bad.toString()), what + ": " + e);
            }
        }
    }
}

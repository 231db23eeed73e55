package dev.jtorch.io;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.spi.HostStorage;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's safetensors format, as {@code safetensors.torch.save_file/load_file}: an 8-byte little-endian
 * header length, a JSON header mapping each name to {@code dtype}, {@code shape} and {@code data_offsets} (plus an
 * optional {@code __metadata__} map of strings), then the tensors' little-endian bytes, packed without gaps.
 *
 * <p>Writes go to a temporary file in the target's folder that is then moved over the target, so a crash never
 * leaves a half-written file under the real name. Reads validate everything (header JSON, dtype names, shapes,
 * offsets against sizes, gaps and overlaps, file length) and fail with an {@link IOException} naming the problem.
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** The reference implementation refuses headers above 100 MB; so do we (a corrupt length must not OOM us). */
    static final long MAX_HEADER = 100_000_000L;
    private static final String METADATA = "__metadata__";

    /** A file's tensors and its {@code __metadata__}. */
    public record Contents(LinkedHashMap<String, Tensor> tensors, LinkedHashMap<String, String> metadata) {}

    // =====================================================================================
    // writing
    // =====================================================================================

    public static void save(Path path, Map<String, Tensor> tensors) throws IOException { save(path, tensors, null); }

    /** Writes {@code tensors} (in map order) and optional string {@code metadata}, atomically. */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<String> names = new ArrayList<>(tensors.size());
        List<Tensor> host = new ArrayList<>(tensors.size());
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            json.append(Json.quote(METADATA)).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("safetensors metadata keys and values must not be null");
                if (!first) json.append(',');
                first = false;
                json.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.equals(METADATA)) throw new IllegalArgumentException("invalid safetensors tensor name: " + name);
            if (t == null) throw new IllegalArgumentException("safetensors: tensor \"" + name + "\" is null");
            Tensor c = t.device().equals(Device.CPU) ? t : t.to(Device.CPU);
            c = c.contiguous();
            long bytes = c.numel() * c.dtype().itemSize();
            if (json.length() > 1) json.append(',');
            json.append(Json.quote(name)).append(":{\"dtype\":\"").append(code(c.dtype())).append("\",\"shape\":[");
            long[] shape = c.shape().toArray();
            for (int i = 0; i < shape.length; i++) json.append(i > 0 ? "," : "").append(shape[i]);
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            names.add(name);
            host.add(c);
        }
        json.append('}');
        // Pad with spaces to 8 bytes, as the reference writer does, so the data is aligned in memory maps.
        while ((json.length() & 7) != 0) json.append(' ');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);

        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(header));
                for (Tensor t : host) writeData(ch, t);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** The elements of contiguous host tensor t, little-endian, in chunks. */
    private static void writeData(FileChannel ch, Tensor t) throws IOException {
        DType dt = t.dtype();
        int item = dt.itemSize();
        long numel = t.numel();
        if (numel == 0) return;
        MemorySegment src = ((HostStorage) t.untypedStorage()).segment()
                .asSlice(t.storageOffset() * item, numel * item);
        ValueLayout layout = layout(dt);
        long chunkElems = Math.max(1, (1 << 20) / item);
        byte[] buf = new byte[(int) (chunkElems * item)];
        MemorySegment dst = MemorySegment.ofArray(buf);
        for (long start = 0; start < numel; start += chunkElems) {
            long count = Math.min(chunkElems, numel - start);
            MemorySegment.copy(src, layout, start * item, dst, layout.withOrder(ByteOrder.LITTLE_ENDIAN), 0, count);
            writeFully(ch, ByteBuffer.wrap(buf, 0, (int) (count * item)));
        }
    }

    // =====================================================================================
    // reading
    // =====================================================================================

    /** The tensors of a safetensors file, in header order. */
    public static LinkedHashMap<String, Tensor> load(Path path) throws IOException { return read(path).tensors(); }

    /** The tensors and the {@code __metadata__} of a safetensors file. */
    public static Contents read(Path path) throws IOException {
        String src = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long fileSize = ch.size();
            if (fileSize < 8) throw new IOException(src + ": not a safetensors file (" + fileSize + " bytes, shorter than the 8-byte header length)");
            MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, fileSize, arena);
            long n = file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (n < 2 || n > MAX_HEADER) throw new IOException(src + ": not a safetensors file (header length " + Long.toUnsignedString(n) + " is implausible)");
            if (8 + n > fileSize) throw new IOException(src + ": truncated safetensors file: header of " + n + " bytes, but only " + (fileSize - 8) + " follow");
            byte[] headerBytes = file.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE);
            String headerText;
            try {
                headerText = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(headerBytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IOException(src + ": corrupt safetensors header (not UTF-8)");
            }
            if (!headerText.startsWith("{")) throw new IOException(src + ": corrupt safetensors header (does not start with '{')");
            Object parsed;
            try {
                parsed = Json.parse(headerText);
            } catch (IllegalArgumentException e) {
                throw new IOException(src + ": corrupt safetensors header (invalid JSON: " + e.getMessage() + ")");
            }
            if (!(parsed instanceof Map<?, ?> header)) throw new IOException(src + ": corrupt safetensors header (not a JSON object)");
            long dataSize = fileSize - 8 - n;
            List<Entry> entries = new ArrayList<>();
            LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : header.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals(METADATA)) {
                    metadata = metadata(src, e.getValue());
                } else {
                    entries.add(entry(src, name, e.getValue()));
                }
            }
            checkLayout(src, entries, dataSize);
            LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) tensors.put(e.name, tensor(file.asSlice(8 + n + e.begin, e.end - e.begin), e));
            return new Contents(tensors, metadata);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private static Entry entry(String src, String name, Object value) throws IOException {
        String where = src + ": corrupt safetensors header: tensor \"" + name + "\"";
        if (!(value instanceof Map<?, ?> info)) throw new IOException(where + " is not a JSON object");
        for (Object k : info.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) throw new IOException(where + " has an unknown field \"" + k + "\"");
        }
        if (!(info.get("dtype") instanceof String code)) throw new IOException(where + " has no dtype string");
        DType dtype = dtype(code);
        if (dtype == null) throw new IOException(where + " has dtype \"" + code + "\", which jtorch does not support (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        long[] shape = longs(info.get("shape"), where + " shape");
        long[] offsets = longs(info.get("data_offsets"), where + " data_offsets");
        if (offsets.length != 2) throw new IOException(where + " data_offsets must hold 2 numbers, got " + offsets.length);
        long numel = 1;
        for (long d : shape) {
            if (d < 0) throw new IOException(where + " has a negative dimension in shape " + java.util.Arrays.toString(shape));
            try {
                numel = Math.multiplyExact(numel, d);
            } catch (ArithmeticException ex) {
                throw new IOException(where + " shape " + java.util.Arrays.toString(shape) + " is too large");
            }
        }
        if (offsets[0] < 0 || offsets[1] < offsets[0]) throw new IOException(where + " has invalid data_offsets " + java.util.Arrays.toString(offsets));
        long expected;
        try {
            expected = Math.multiplyExact(numel, dtype.itemSize());
        } catch (ArithmeticException ex) {
            throw new IOException(where + " shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        if (offsets[1] - offsets[0] != expected) {
            throw new IOException(where + ": shape " + java.util.Arrays.toString(shape) + " of " + code + " needs " + expected
                    + " bytes, but data_offsets " + java.util.Arrays.toString(offsets) + " span " + (offsets[1] - offsets[0]));
        }
        if (numel > Integer.MAX_VALUE - 16) throw new IOException(where + ": " + numel + " elements exceed the 2^31 limit of heap tensors");
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** The tensors must tile the data section exactly: no gaps, no overlaps, nothing past its end or after it. */
    private static void checkLayout(String src, List<Entry> entries, long dataSize) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long pos = 0;
        for (Entry e : sorted) {
            if (e.begin < pos) throw new IOException(src + ": corrupt safetensors header: data of tensor \"" + e.name + "\" overlaps another tensor's");
            if (e.begin > pos) throw new IOException(src + ": corrupt safetensors header: gap in the data before tensor \"" + e.name + "\"");
            pos = e.end;
        }
        if (pos > dataSize) throw new IOException(src + ": truncated safetensors file: the header describes " + pos + " data bytes, but only " + dataSize + " are present");
        if (pos < dataSize) throw new IOException(src + ": corrupt safetensors file: " + (dataSize - pos) + " bytes after the last tensor's data");
    }

    private static LinkedHashMap<String, String> metadata(String src, Object value) throws IOException {
        if (!(value instanceof Map<?, ?> m)) throw new IOException(src + ": corrupt safetensors header: __metadata__ is not a JSON object");
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) throw new IOException(src + ": corrupt safetensors header: __metadata__ value of \"" + e.getKey() + "\" is not a string");
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static long[] longs(Object value, String what) throws IOException {
        if (!(value instanceof List<?> list)) throw new IOException(what + " is not a JSON array");
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l)) throw new IOException(what + " holds a non-integer: " + list.get(i));
            out[i] = l;
        }
        return out;
    }

    private static Tensor tensor(MemorySegment data, Entry e) {
        int numel = (int) (data.byteSize() / e.dtype.itemSize());
        HostStorage storage = HostStorage.allocate(e.dtype, numel);
        Object array = storage.array();
        MemorySegment dst = storage.segment();
        ValueLayout layout = layout(e.dtype);
        MemorySegment.copy(data, layout.withOrder(ByteOrder.LITTLE_ENDIAN), 0, dst, layout, 0, numel);
        if (e.dtype == DType.BOOL) {
            byte[] b = (byte[]) array;
            for (int i = 0; i < b.length; i++) b[i] = (byte) (b[i] != 0 ? 1 : 0);
        }
        Tensor flat = Torch.from(dst, e.dtype, numel);
        return flat.view(e.shape);
    }

    private static ValueLayout layout(DType dt) {
        return switch (dt.itemSize()) {
            case 8 -> dt == DType.FLOAT64 ? ValueLayout.JAVA_DOUBLE_UNALIGNED : ValueLayout.JAVA_LONG_UNALIGNED;
            case 4 -> dt == DType.FLOAT32 ? ValueLayout.JAVA_FLOAT_UNALIGNED : ValueLayout.JAVA_INT_UNALIGNED;
            case 2 -> ValueLayout.JAVA_SHORT_UNALIGNED;
            default -> ValueLayout.JAVA_BYTE;
        };
    }

    /** The format's dtype names. */
    static String code(DType dt) {
        return switch (dt) {
            case FLOAT64 -> "F64";
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT16 -> "I16";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case BOOL -> "BOOL";
        };
    }

    private static DType dtype(String code) {
        for (DType d : DType.values()) if (code(d).equals(code)) return d;
        return null;
    }
}

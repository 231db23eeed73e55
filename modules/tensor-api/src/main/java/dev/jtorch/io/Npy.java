package dev.jtorch.io;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.spi.HostStorage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * NumPy's {@code .npy} format: one tensor per file. Writes what {@code numpy.save} writes (format
 * 1.0, or 2.0 for very long headers; little-endian; C order), byte for byte. Reads formats 1.0 to
 * 3.0 in either byte order and memory order; a Fortran-order array loads as a view with
 * column-major strides, as {@code torch.from_numpy} gives. Truncated, padded or malformed files
 * and types PyTorch lacks (complex, object, wide unsigned) raise an {@link IOException}.
 */
public final class Npy {
    private Npy() {}

    private static final int CHUNK = 1 << 16;

    public static void save(Path path, Tensor tensor) throws IOException {
        byte[] header = header(tensor); // validate before creating the file
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            out.write(header);
            writeData(out, tensor);
        }
    }

    public static Tensor load(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return read(in, path.toString());
        }
    }

    // ------------------------------------------------------------------ streams (shared with Npz)

    static byte[] header(Tensor t) {
        return new NpyHeader(t.dtype(), ByteOrder.LITTLE_ENDIAN, false, t.shape().toArray()).encode();
    }

    static void write(OutputStream out, Tensor t) throws IOException {
        out.write(header(t));
        writeData(out, t);
    }

    /** The row-major elements of t, little-endian, streamed in chunks. */
    private static void writeData(OutputStream out, Tensor t) throws IOException {
        DType dt = t.dtype();
        int item = dt.itemSize();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * item).order(ByteOrder.LITTLE_ENDIAN);
        Object values = switch (dt) {
            case FLOAT32, FLOAT16 -> t.toFloatArray();
            case FLOAT64 -> t.toDoubleArray();
            case INT64 -> t.toLongArray();
            case INT32, INT16, INT8, UINT8 -> t.toIntArray();
            case BOOL -> t.toBooleanArray();
            case BFLOAT16 -> throw new IllegalStateException("unreachable: header() rejects bfloat16");
        };
        int n = java.lang.reflect.Array.getLength(values);
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            buf.clear();
            switch (values) {
                case float[] f when dt == DType.FLOAT16 -> { for (int i = start; i < end; i++) buf.putShort(Float.floatToFloat16(f[i])); }
                case float[] f -> buf.asFloatBuffer().put(f, start, end - start);
                case double[] d -> buf.asDoubleBuffer().put(d, start, end - start);
                case long[] l -> buf.asLongBuffer().put(l, start, end - start);
                case int[] v when item == 4 -> buf.asIntBuffer().put(v, start, end - start);
                case int[] v when item == 2 -> { for (int i = start; i < end; i++) buf.putShort((short) v[i]); }
                case int[] v -> { for (int i = start; i < end; i++) buf.put((byte) v[i]); }
                case boolean[] v -> { for (int i = start; i < end; i++) buf.put((byte) (v[i] ? 1 : 0)); }
                default -> throw new IllegalStateException();
            }
            out.write(buf.array(), 0, (end - start) * item);
        }
    }

    /** Reads one .npy image from {@code in}, which must end right after the data. */
    static Tensor read(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), NpyHeader.MAGIC)) {
            throw new IOException(source + ": not a .npy file (bad magic string)");
        }
        int major = magic[6];
        if (major < 1 || major > 3) throw new IOException(source + ": unsupported .npy format version " + major + "." + magic[7]);
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        if (lenBytes.length < (major == 1 ? 2 : 4)) throw truncated(source, "header length");
        long hlen = 0;
        for (int i = lenBytes.length - 1; i >= 0; i--) hlen = (hlen << 8) | (lenBytes[i] & 0xFF);
        if (hlen > Integer.MAX_VALUE - 16) throw new IOException(source + ": .npy header length " + hlen + " is not plausible");
        byte[] headerBytes = in.readNBytes((int) hlen);
        if (headerBytes.length < hlen) throw truncated(source, "header");
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h = NpyHeader.parse(text, source);

        long numel = 1;
        for (long d : h.shape()) numel = Math.multiplyExact(numel, d);
        if (numel > Integer.MAX_VALUE - 16) throw new IOException(source + ": " + numel + " elements exceed the 2^31 limit of heap tensors");
        Object values = readData(in, h, (int) numel, source);
        if (in.read() != -1) throw new IOException(source + ": unexpected bytes after the array data (corrupt file?)");

        long[] shape = h.shape().clone();
        if (h.fortranOrder()) reverse(shape);
        Tensor t = Torch.from(HostStorage.wrapArray(values, h.dtype()).segment(), h.dtype(), shape.length == 0 ? new long[]{1} : shape);
        if (shape.length == 0) t = t.view();
        if (h.fortranOrder() && shape.length > 1) {
            int[] dims = new int[shape.length];
            for (int i = 0; i < dims.length; i++) dims[i] = dims.length - 1 - i;
            t = t.permute(dims);
        }
        return t;
    }

    /** The element bytes into a fresh array of the dtype's storage type (bool normalised to 0/1). */
    private static Object readData(InputStream in, NpyHeader h, int numel, String source) throws IOException {
        DType dt = h.dtype();
        int item = dt.itemSize();
        Object values = HostStorage.allocate(dt, numel).array();
        for (int start = 0; start < numel; start += CHUNK) {
            int count = Math.min(CHUNK, numel - start);
            byte[] chunk = in.readNBytes(count * item);
            if (chunk.length < count * item) {
                long got = (long) start * item + chunk.length;
                throw new IOException(source + ": truncated .npy data: expected " + (long) numel * item + " bytes, found " + got);
            }
            ByteBuffer b = ByteBuffer.wrap(chunk).order(h.order());
            switch (values) {
                case float[] f -> b.asFloatBuffer().get(f, start, count);
                case double[] d -> b.asDoubleBuffer().get(d, start, count);
                case long[] l -> b.asLongBuffer().get(l, start, count);
                case int[] v -> b.asIntBuffer().get(v, start, count);
                case short[] s -> b.asShortBuffer().get(s, start, count);
                case byte[] y -> {
                    System.arraycopy(chunk, 0, y, start, count);
                    if (dt == DType.BOOL) for (int i = start; i < start + count; i++) y[i] = (byte) (y[i] != 0 ? 1 : 0);
                }
                default -> throw new IllegalStateException();
            }
        }
        return values;
    }

    private static IOException truncated(String source, String what) {
        return new IOException(source + ": truncated .npy file (ends inside the " + what + ")");
    }

    private static void reverse(long[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

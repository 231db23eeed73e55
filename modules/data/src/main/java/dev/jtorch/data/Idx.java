package dev.jtorch.data;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST (raw or gzip-compressed, told apart by the gzip magic bytes): two zero
 * bytes, a type code, the number of dims, each dim as a big-endian int32, then the values, big-endian. Truncated,
 * padded or malformed files raise an {@link IOException} that names the file and what is wrong.
 */
public final class Idx {
    private Idx() {}

    /** The array of one IDX file: its element type, dims and data bytes (big-endian, as in the file). */
    record Array(DType dtype, long[] shape, byte[] data) {}

    /** Reads an IDX file into a tensor of its type: uint8, int8, int16, int32, float32 or float64. */
    public static Tensor read(Path path) throws IOException {
        Array a = readArray(path);
        ByteBuffer src = ByteBuffer.wrap(a.data).order(ByteOrder.BIG_ENDIAN);
        int n = a.data.length / a.dtype.itemSize();
        return switch (a.dtype) {
            case UINT8, INT8 -> Torch.from(MemorySegment.ofArray(a.data), a.dtype, a.shape);
            case INT16 -> {
                short[] v = new short[n];
                src.asShortBuffer().get(v);
                yield Torch.from(MemorySegment.ofArray(v), DType.INT16, a.shape);
            }
            case INT32 -> {
                int[] v = new int[n];
                src.asIntBuffer().get(v);
                yield Torch.from(v, a.shape);
            }
            case FLOAT32 -> {
                float[] v = new float[n];
                src.asFloatBuffer().get(v);
                yield Torch.from(v, a.shape);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                src.asDoubleBuffer().get(v);
                yield Torch.from(v, a.shape);
            }
            default -> throw new IllegalStateException("IDX type " + a.dtype);
        };
    }

    static Array readArray(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readArray(in, path.toString());
        }
    }

    /** Reads one IDX array from {@code raw} (gzip or not); {@code name} names it in error messages. */
    static Array readArray(InputStream raw, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        try (InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered) {
            return parse(in, name);
        } catch (EOFException e) {
            throw new IOException(name + " is truncated: the gzip stream ends early (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new IOException(name + " is corrupted: not a valid gzip stream (" + e.getMessage() + ")", e);
        }
    }

    private static Array parse(InputStream in, String name) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) throw new IOException(name + " is not an IDX file: it has only " + head.length + " bytes");
        if (head[0] != 0 || head[1] != 0) {
            throw new IOException(name + " is not an IDX file: it must start with two zero bytes, found 0x"
                    + String.format("%02x%02x", head[0] & 0xff, head[1] & 0xff));
        }
        DType dtype = switch (head[2] & 0xff) {
            case 0x08 -> DType.UINT8;
            case 0x09 -> DType.INT8;
            case 0x0B -> DType.INT16;
            case 0x0C -> DType.INT32;
            case 0x0D -> DType.FLOAT32;
            case 0x0E -> DType.FLOAT64;
            default -> throw new IOException(name + " is not an IDX file: unknown type code 0x" + String.format("%02x", head[2] & 0xff));
        };
        int ndim = head[3] & 0xff;
        if (ndim == 0) throw new IOException(name + " is not an IDX file: it has 0 dims");
        byte[] dimBytes = in.readNBytes(4 * ndim);
        if (dimBytes.length < 4 * ndim) throw new IOException(name + " is truncated: its header names " + ndim + " dims but ends after " + dimBytes.length / 4);
        ByteBuffer dims = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
        long[] shape = new long[ndim];
        long bytes = dtype.itemSize();
        for (int d = 0; d < ndim; d++) {
            shape[d] = Integer.toUnsignedLong(dims.getInt());
            // capped as it goes: a damaged header's dims can multiply past a long
            bytes = shape[d] == 0 ? 0 : bytes > Long.MAX_VALUE / shape[d] ? Long.MAX_VALUE : bytes * shape[d];
        }
        if (bytes > Integer.MAX_VALUE - 16) throw new IOException(name + ": an IDX array of shape " + Arrays.toString(shape) + " is too large to load");
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new IOException(name + " is truncated: shape " + Arrays.toString(shape) + " needs " + bytes
                    + " bytes of data, the file has " + data.length);
        }
        if (in.read() != -1) throw new IOException(name + " is corrupted: it has bytes after the " + bytes + " bytes of shape " + Arrays.toString(shape));
        return new Array(dtype, shape, data);
    }
}

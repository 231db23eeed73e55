package dev.jtorch.io;

import dev.jtorch.Tensor;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} format: a zip archive with one {@code name.npy} entry per tensor, as
 * {@code numpy.savez} (stored) and {@code numpy.savez_compressed} (deflated) write it.
 */
public final class Npz {
    private Npz() {}

    /** As {@code numpy.savez}: entries stored uncompressed, in the map's iteration order. */
    public static void save(Path path, Map<String, Tensor> tensors) throws IOException { write(path, tensors, false); }

    /** As {@code numpy.savez_compressed}: entries deflated. */
    public static void saveCompressed(Path path, Map<String, Tensor> tensors) throws IOException { write(path, tensors, true); }

    /** Every entry, keyed by its name without {@code .npy}, in archive order. */
    public static Map<String, Tensor> load(Path path) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) continue;
                String name = e.getName();
                if (!name.endsWith(".npy")) throw new IOException(path + ": entry '" + name + "' is not a .npy array");
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e))) {
                    out.put(name.substring(0, name.length() - 4), Npy.read(in, path + "[" + name + "]"));
                }
            }
        } catch (ZipException | EOFException e) {
            // the zip layer's own messages name no file, and a damaged entry offset gives an EOFException with none
            throw new IOException(path + ": not a readable .npz archive (corrupted or truncated): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return out;
    }

    private static void write(Path path, Map<String, Tensor> tensors, boolean compress) throws IOException {
        Objects.requireNonNull(tensors, "tensors");
        for (var e : tensors.entrySet()) {
            Objects.requireNonNull(e.getKey(), "a tensor name is null");
            Objects.requireNonNull(e.getValue(), "tensor '" + e.getKey() + "' is null");
            Npy.header(e.getValue()); // rejects unsupported dtypes before the file is touched
        }
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (var e : tensors.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (compress) {
                    entry.setMethod(ZipEntry.DEFLATED);
                    zip.putNextEntry(entry);
                    Npy.write(zip, e.getValue());
                } else {
                    // a stored entry needs its size and CRC up front
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    Npy.write(bytes, e.getValue());
                    CRC32 crc = new CRC32();
                    crc.update(bytes.toByteArray());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.size());
                    entry.setCompressedSize(bytes.size());
                    entry.setCrc(crc.getValue());
                    zip.putNextEntry(entry);
                    bytes.writeTo(zip);
                }
                zip.closeEntry();
            }
        }
    }
}

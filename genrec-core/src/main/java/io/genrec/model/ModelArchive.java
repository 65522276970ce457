package io.genrec.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrec.data.DataFormatException;
import io.genrec.provenance.Provenance;
import io.genrec.util.SafeWrites;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * On-disk format of a saved model: a directory with {@code model.json} (format version, model name, provenance,
 * config) and {@code arrays.bin} (named primitive arrays), plus GenRec's marker. Written to a temporary directory and
 * moved into place, so a failed save never leaves a half-written model and never deletes a directory GenRec did not
 * write. An unknown format version is rejected naming the file.
 */
public final class ModelArchive {
    public static final int FORMAT_VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The header stored in {@code model.json}. */
    public record Header(int formatVersion, String model, Provenance provenance, Map<String, Object> extra) { }

    private final Map<String, Object> arrays = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public ModelArchive putFloats(String name, float[] a) { arrays.put(name, a); return this; }
    public ModelArchive putInts(String name, int[] a) { arrays.put(name, a); return this; }
    public ModelArchive putDoubles(String name, double[] a) { arrays.put(name, a); return this; }
    /** Small scalar or string values (shapes, flags) kept in the JSON header. */
    public ModelArchive putExtra(String name, Object value) { extra.put(name, value); return this; }

    /**
     * Writes the archive to {@code dir} through {@link SafeWrites#writeDirectory}: an existing GenRec model there is
     * replaced atomically, anything else GenRec did not write is refused.
     */
    public void write(Path dir, String model, Provenance provenance) throws IOException {
        SafeWrites.writeDirectory(dir, SafeWrites.MODEL, tmp -> writeInto(tmp, model, provenance));
    }

    private void writeInto(Path tmp, String model, Provenance provenance) throws IOException {
        JSON.writeValue(tmp.resolve("model.json").toFile(), new Header(FORMAT_VERSION, model, provenance, extra));
        byte[] buf = new byte[CHUNK];
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve("arrays.bin")), 1 << 16))) {
            out.writeInt(arrays.size());
            for (var e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                switch (e.getValue()) {
                    case float[] f -> { out.writeByte('f'); out.writeInt(f.length); writeBulk(out, f.length, 4, buf, (b, off, n) -> b.asFloatBuffer().put(f, off, n)); }
                    case int[] f -> { out.writeByte('i'); out.writeInt(f.length); writeBulk(out, f.length, 4, buf, (b, off, n) -> b.asIntBuffer().put(f, off, n)); }
                    case double[] f -> { out.writeByte('d'); out.writeInt(f.length); writeBulk(out, f.length, 8, buf, (b, off, n) -> b.asDoubleBuffer().put(f, off, n)); }
                    default -> throw new IllegalStateException("unsupported array type for " + e.getKey());
                }
            }
        }
    }

    public static Header readHeader(Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        if (!Files.exists(file)) throw new DataFormatException(file, 0, null, "not a saved GenRec model (model.json missing)");
        Header h = JSON.readValue(file.toFile(), Header.class);
        if (h.formatVersion() != FORMAT_VERSION)
            throw new DataFormatException(file, 0, "formatVersion", "unsupported format version " + h.formatVersion() + ", this GenRec reads " + FORMAT_VERSION);
        return h;
    }

    /** Reads the named arrays back. */
    public static Loaded read(Path dir) throws IOException {
        Header header = readHeader(dir);
        Map<String, Object> arrays = new LinkedHashMap<>();
        Path file = dir.resolve("arrays.bin");
        byte[] buf = new byte[CHUNK];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                String name = in.readUTF();
                int type = in.readByte();
                int len = in.readInt();
                if (len < 0) throw new DataFormatException(file, 0, name, "negative array length " + len);
                switch (type) {
                    case 'f' -> { float[] a = new float[len]; readBulk(in, len, 4, buf, (b, off, m) -> b.asFloatBuffer().get(a, off, m)); arrays.put(name, a); }
                    case 'i' -> { int[] a = new int[len]; readBulk(in, len, 4, buf, (b, off, m) -> b.asIntBuffer().get(a, off, m)); arrays.put(name, a); }
                    case 'd' -> { double[] a = new double[len]; readBulk(in, len, 8, buf, (b, off, m) -> b.asDoubleBuffer().get(a, off, m)); arrays.put(name, a); }
                    default -> throw new DataFormatException(file, 0, name, "unknown array type byte " + type);
                }
            }
        } catch (EOFException e) {
            throw new DataFormatException(file, 0, null, "truncated model file", e);
        }
        return new Loaded(header, arrays, file);
    }

    /** Bytes moved per bulk step: values go through a big-endian buffer view, not one stream call each. */
    private static final int CHUNK = 1 << 16;

    /** Copies {@code count} values from {@code offset} of an array into a big-endian buffer, or back. */
    private interface Chunk { void copy(ByteBuffer bigEndian, int offset, int count); }

    /**
     * Reads {@code len} values of {@code width} bytes in chunks (the same big-endian bytes {@link DataOutputStream}
     * writes): a dense model has ~10^8 floats, and a stream call per value made loading it take seconds.
     */
    private static void readBulk(DataInputStream in, int len, int width, byte[] buf, Chunk into) throws IOException {
        int per = buf.length / width;
        for (int done = 0; done < len; ) {
            int n = Math.min(per, len - done);
            in.readFully(buf, 0, n * width);
            into.copy(ByteBuffer.wrap(buf, 0, n * width), done, n);
            done += n;
        }
    }

    /** The write side of {@link #readBulk}. */
    private static void writeBulk(DataOutputStream out, int len, int width, byte[] buf, Chunk from) throws IOException {
        int per = buf.length / width;
        for (int done = 0; done < len; ) {
            int n = Math.min(per, len - done);
            from.copy(ByteBuffer.wrap(buf, 0, n * width), done, n);
            out.write(buf, 0, n * width);
            done += n;
        }
    }

    /** A read archive; accessors name the missing array and file. */
    public record Loaded(Header header, Map<String, Object> arrays, Path file) {
        public float[] floats(String name) { return get(name, float[].class); }
        public int[] ints(String name) { return get(name, int[].class); }
        public double[] doubles(String name) { return get(name, double[].class); }

        public Number number(String name) {
            Object v = header.extra().get(name);
            if (!(v instanceof Number n)) throw new DataFormatException(file.resolveSibling("model.json"), 0, name, "missing or not a number");
            return n;
        }

        private <T> T get(String name, Class<T> type) {
            Object v = arrays.get(name);
            if (!type.isInstance(v)) throw new DataFormatException(file, 0, name, "missing array or wrong type (expected " + type.getSimpleName() + ")");
            return type.cast(v);
        }
    }
}

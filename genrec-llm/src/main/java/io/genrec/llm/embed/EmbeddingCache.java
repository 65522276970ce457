package io.genrec.llm.embed;

import io.genrec.data.DataFormatException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A persistent map from (model id, SHA-256 of the text) to its embedding, so re-embedding a catalogue costs a file
 * read. One append-only file per model: {@code <root>/embeddings/<model>/vectors.bin}, where the root is
 * {@code $GENREC_CACHE_DIR} or {@code ~/.genrec/cache}.
 *
 * <p>File format: the ASCII magic {@code GENREC-E}, then big-endian int version (1), int dimension, int length and
 * UTF-8 bytes of the model id; then records of 32 hash bytes followed by {@code dimension} little-endian float32.
 * Appends happen under an exclusive file lock, so several processes may share a cache; a record cut short by a crash
 * is ignored on read and overwritten by the next append. A header naming another model or dimension is an error
 * naming the file (never silently mixed vectors). Entries are kept in memory after {@link #open}.
 * Thread safe.
 */
public final class EmbeddingCache {
    /** Environment variable overriding the cache root. */
    public static final String ENV_CACHE_DIR = "GENREC_CACHE_DIR";
    private static final byte[] MAGIC = "GENREC-E".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HASH_BYTES = 32;

    /** The first 256 bits of a SHA-256 digest, as a map key without boxing arrays. */
    public record Key(long a, long b, long c, long d) {
        static Key of(byte[] digest) {
            ByteBuffer bb = ByteBuffer.wrap(digest);
            return new Key(bb.getLong(), bb.getLong(), bb.getLong(), bb.getLong());
        }

        void writeTo(ByteBuffer out) { out.putLong(a).putLong(b).putLong(c).putLong(d); }
    }

    private final Path file;
    private final String modelId;
    private final int dimension;
    private final int headerBytes;
    private final Map<Key, float[]> vectors = new HashMap<>();

    private EmbeddingCache(Path file, String modelId, int dimension) {
        this.file = file;
        this.modelId = modelId;
        this.dimension = dimension;
        this.headerBytes = MAGIC.length + 12 + modelId.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code $GENREC_CACHE_DIR} when set, else {@code ~/.genrec/cache}. */
    public static Path defaultRoot() {
        String env = System.getenv(ENV_CACHE_DIR);
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".genrec", "cache");
    }

    /** Opens (and reads) the cache of {@code modelId} under {@code root}; the file is created on the first put. */
    public static EmbeddingCache open(Path root, String modelId, int dimension) throws IOException {
        if (dimension < 1) throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        Path file = root.resolve("embeddings").resolve(safeName(modelId)).resolve("vectors.bin");
        EmbeddingCache cache = new EmbeddingCache(file, modelId, dimension);
        if (Files.exists(file)) cache.read();
        return cache;
    }

    /** The model id as a directory name: characters other than letters, digits, '.', '-' and '_' become '_'. */
    static String safeName(String modelId) { return modelId.replaceAll("[^A-Za-z0-9._-]", "_"); }

    public Path file() { return file; }

    public String modelId() { return modelId; }

    public int dimension() { return dimension; }

    public synchronized int size() { return vectors.size(); }

    /** SHA-256 of the UTF-8 text. */
    public static Key key(String text) {
        try {
            return Key.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the cached vector, or null. */
    public synchronized float[] get(Key key) {
        float[] v = vectors.get(key);
        return v == null ? null : v.clone();
    }

    /** Stores new entries in memory and appends them to the file (entries already present are skipped). */
    public synchronized void putAll(List<Key> keys, List<float[]> values) throws IOException {
        if (keys.size() != values.size()) throw new IllegalArgumentException(keys.size() + " keys, " + values.size() + " vectors");
        int recordBytes = HASH_BYTES + 4 * dimension;
        ByteBuffer buf = ByteBuffer.allocate(recordBytes * keys.size()).order(ByteOrder.LITTLE_ENDIAN);
        Map<Key, float[]> fresh = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            float[] v = values.get(i);
            if (v.length != dimension) throw new IllegalArgumentException("vector " + i + " has " + v.length + " dimensions, cache " + dimension);
            Key k = keys.get(i);
            if (vectors.containsKey(k) || fresh.putIfAbsent(k, v.clone()) != null) continue;
            k.writeTo(buf.order(ByteOrder.BIG_ENDIAN));
            buf.order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v) buf.putFloat(x);
        }
        if (fresh.isEmpty()) return;
        buf.flip();
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock(); // released when the channel closes
            long size = ch.size();
            if (size < headerBytes) {
                checkHeaderPrefix(ch, size); // only a header cut short by a crash is truncated, never another file
                ch.truncate(0);
                writeFully(ch, header(), 0);
                size = headerBytes;
            } else {
                checkHeader(ch);
                size -= (size - headerBytes) % recordBytes; // drop a record cut short by a crash
                ch.truncate(size);
            }
            writeFully(ch, buf, size);
            lock.release();
        }
        vectors.putAll(fresh);
    }

    private ByteBuffer header() {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer h = ByteBuffer.allocate(headerBytes);
        h.put(MAGIC).putInt(VERSION).putInt(dimension).putInt(id.length).put(id).flip();
        return h;
    }

    private void checkHeader(FileChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(headerBytes);
        while (h.hasRemaining() && ch.read(h, h.position()) > 0) { /* read fully */ }
        h.flip();
        if (!h.equals(header())) throw new DataFormatException(file, 0, "header",
                "embedding cache header does not match model '" + modelId + "' with dimension " + dimension);
    }

    private void checkHeaderPrefix(FileChannel ch, long size) throws IOException {
        ByteBuffer h = ByteBuffer.allocate((int) size);
        while (h.hasRemaining() && ch.read(h, h.position()) > 0) { /* read fully */ }
        h.flip();
        if (!h.equals(header().limit((int) size)))
            throw new DataFormatException(file, 0, "header", "not a GenRec embedding cache; refusing to overwrite it");
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) position += ch.write(buf, position);
    }

    private void read() throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw new DataFormatException(file, 0, "magic", "not a GenRec embedding cache");
            int version = in.readInt();
            if (version != VERSION) throw new DataFormatException(file, 0, "version", "unsupported embedding cache version " + version);
            int dim = in.readInt();
            byte[] id = new byte[in.readInt()];
            if (id.length > 4096) throw new DataFormatException(file, 0, "modelId", "model id length " + id.length + " is implausible");
            in.readFully(id);
            String storedId = new String(id, StandardCharsets.UTF_8);
            if (!storedId.equals(modelId) || dim != dimension)
                throw new DataFormatException(file, 0, "header", "cache holds model '" + storedId + "' with dimension " + dim
                        + ", expected '" + modelId + "' with dimension " + dimension);
            byte[] record = new byte[HASH_BYTES + 4 * dimension];
            ByteBuffer rb = ByteBuffer.wrap(record);
            while (true) {
                try {
                    in.readFully(record);
                } catch (EOFException e) {
                    return; // end of file, or a record cut short by a crash: ignored
                }
                rb.clear();
                Key k = new Key(rb.getLong(), rb.getLong(), rb.getLong(), rb.getLong());
                float[] v = new float[dimension];
                rb.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                rb.order(ByteOrder.BIG_ENDIAN);
                vectors.put(k, v);
            }
        } catch (EOFException e) {
            throw new DataFormatException(file, 0, "header", "truncated embedding cache header", e);
        }
    }

    /** Wraps an I/O failure of the cache for callers that cannot throw checked exceptions. */
    static UncheckedIOException unchecked(Path file, IOException e) {
        return new UncheckedIOException("embedding cache " + file + ": " + e.getMessage(), e);
    }
}

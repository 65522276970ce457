package io.genrec.image;

import io.genrec.data.DataFormatException;
import io.genrec.model.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An {@link ImageEncoder} in front of another that keeps every vector on disk keyed by the model id and the SHA-256
 * of the image's bytes: renaming or moving a photo still hits, editing it misses. One file per image,
 * {@code <root>/images/<model>/<sha256>.f32} ({@code dimension} little-endian float32), written to a temporary name
 * and moved into place, so a crash leaves no half-written entry and several processes may share the cache. The root is
 * {@code $GENREC_CACHE_DIR} or {@code ~/.genrec/cache}, as for text embeddings.
 */
public final class CachingImageEncoder implements ImageEncoder {
    private final ImageEncoder inner;
    private final Path dir;

    public CachingImageEncoder(ImageEncoder inner, Path root) {
        this.inner = inner;
        this.dir = root.resolve("images").resolve(inner.modelId().replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** {@code $GENREC_CACHE_DIR} when set, else {@code ~/.genrec/cache}. */
    public static Path defaultRoot() {
        String env = System.getenv("GENREC_CACHE_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".genrec", "cache");
    }

    public ImageEncoder inner() { return inner; }

    public Path directory() { return dir; }

    @Override
    public String modelId() { return inner.modelId(); }

    @Override
    public int dimension() { return inner.dimension(); }

    /** Hex SHA-256 of the file's bytes (a missing file is an error naming it). */
    public static String contentHash(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ImageFiles.bytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public float[][] encode(List<Path> images, ProgressListener listener) {
        float[][] out = new float[images.size()][];
        String[] keys = new String[out.length];
        List<Integer> misses = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            keys[i] = contentHash(images.get(i));
            out[i] = read(keys[i]);
            if (out[i] == null) misses.add(i);
        }
        if (misses.isEmpty()) return out;
        List<Path> todo = new ArrayList<>(misses.size());
        for (int i : misses) todo.add(images.get(i));
        float[][] fresh = inner.encode(todo, listener);
        for (int m = 0; m < misses.size(); m++) {
            int i = misses.get(m);
            out[i] = fresh[m];
            write(keys[i], fresh[m]);
        }
        return out;
    }

    /** How many entries the cache holds for this model. */
    public int size() {
        if (!Files.isDirectory(dir)) return 0;
        try (var s = Files.list(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".f32")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float[] read(String key) {
        Path f = dir.resolve(key + ".f32");
        if (!Files.exists(f)) return null;
        try {
            byte[] b = Files.readAllBytes(f);
            if (b.length != 4 * dimension())
                throw new DataFormatException(f, 0, null, "cache entry has " + b.length + " bytes, a " + dimension()
                        + "-d vector of " + modelId() + " needs " + 4 * dimension() + "; delete the file to recompute it");
            float[] v = new float[dimension()];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image cache entry " + f, e);
        }
    }

    private void write(String key, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, b.array());
            Files.move(tmp, dir.resolve(key + ".f32"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image cache entry under " + dir, e);
        }
    }
}

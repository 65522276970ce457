package io.genrec.cli;

import io.genrec.model.DataBinding;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fitted models of {@code genrec recommend}, kept between runs in {@code <cache>/models/<key>/} (a saved model
 * archive), where {@code <cache>} is the system property {@value RecommendCommand#CACHE_DIR_PROPERTY}, else
 * {@code $GENREC_CACHE_DIR}, else {@code ~/.genrec/cache}. The key hashes everything the fitted weights depend on:
 * the preprocessed data's content hash, model name, full config, seed, training scheme, and the GenRec build
 * (version, commit and the code's modification time, so a rebuilt model class never serves a stale model).
 * An entry is a saved model with its {@link DataBinding}, written like any other ({@link DataBinding#save}). The
 * cache deletes only the entries it replaces: the same request fitted by an older build.
 */
final class ModelCache {
    private final Path root;

    private ModelCache(Path root) { this.root = root; }

    static ModelCache open() {
        String dir = System.getProperty(RecommendCommand.CACHE_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) dir = System.getenv("GENREC_CACHE_DIR");
        Path base = dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".genrec", "cache") : Path.of(dir);
        return new ModelCache(base.resolve("models"));
    }

    Path root() { return root; }

    /**
     * {@code <what>-<build>}: a hex hash of the given parts (name → value, in order), then one of the build that fits
     * the model, so entries of the same request from older builds share the first half and can be replaced.
     */
    static String key(Map<String, Object> parts, Class<?> modelCode) {
        String build = io.genrec.provenance.Provenance.BuildInfo.VERSION + " " + io.genrec.provenance.Provenance.BuildInfo.GIT_COMMIT
                + " " + codeStamp(modelCode) + " " + codeStamp(io.genrec.data.Dataset.class);
        return key(parts, build);
    }

    static String key(Map<String, Object> parts, String build) {
        StringBuilder sb = new StringBuilder();
        parts.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return hash(sb.toString()) + "-" + hash(build);
    }

    private static String hash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached model directory for {@code key}, or null. */
    Path lookup(String key) {
        Path p = root.resolve(key);
        return Files.isRegularFile(p.resolve("model.json")) ? p : null;
    }

    /**
     * Saves {@code model} with its data binding under {@code key}, as any saved model is written
     * ({@link DataBinding#save}: a temporary sibling moved into place). An entry another run stored under the same
     * key meanwhile (same request, same build) is kept.
     */
    Path store(String key, FittedRecommender model, DataBinding binding) throws IOException {
        Path target = root.resolve(key);
        if (lookup(key) == null) binding.save(model, target);
        removeOlderBuilds(key);
        return target;
    }

    /**
     * Deletes entries for the same request made by other builds (same first half of the key): they can never be
     * used again, and a dense model is hundreds of MB. Only saved models (with model.json) in this cache are touched.
     */
    private void removeOlderBuilds(String key) throws IOException {
        String what = key.substring(0, key.indexOf('-') + 1);
        List<Path> stale;
        try (Stream<Path> s = Files.list(root)) {
            stale = s.filter(p -> p.getFileName().toString().startsWith(what) && !p.getFileName().toString().equals(key))
                    .filter(p -> Files.isRegularFile(p.resolve("model.json"))).toList();
        }
        for (Path p : stale) deleteOwnEntry(p);
    }

    /** Deletes a stale entry of this cache. */
    private static void deleteOwnEntry(Path tmp) throws IOException {
        if (!Files.exists(tmp)) return;
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * Where the class was loaded from and when that changed: the jar's modification time, or the newest file of a
     * class directory (a development build), so recompiled code gets new keys.
     */
    private static String codeStamp(Class<?> c) {
        try {
            var src = c.getProtectionDomain().getCodeSource();
            if (src == null) return "unknown";
            Path p = Path.of(src.getLocation().toURI());
            long newest = Files.getLastModifiedTime(p).toMillis();
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    newest = s.filter(Files::isRegularFile).mapToLong(f -> {
                        try {
                            return Files.getLastModifiedTime(f).toMillis();
                        } catch (IOException e) {
                            return Long.MAX_VALUE;
                        }
                    }).max().orElse(newest);
                }
            }
            return p.getFileName() + "@" + newest;
        } catch (IOException | URISyntaxException | SecurityException e) {
            // an unknown build must not reuse entries of another: a per-process stamp gives it a fresh key
            return "unknown-" + ProcessHandle.current().pid();
        }
    }
}

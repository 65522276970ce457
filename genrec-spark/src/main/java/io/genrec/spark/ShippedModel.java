package io.genrec.spark;

import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderRegistry;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A fitted model as the bytes of its saved archive, so it can be broadcast to executors and loaded there by the same
 * provider code that loads it from disk ({@link RecommenderRegistry#load}). Each executor JVM loads it once.
 */
public final class ShippedModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, FittedRecommender> LOADED = new ConcurrentHashMap<>();

    private final String key = UUID.randomUUID().toString();
    private final String name;
    private final Map<String, byte[]> files;

    private ShippedModel(String name, Map<String, byte[]> files) {
        this.name = name;
        this.files = files;
    }

    /** Saves {@code model} to a temporary directory and keeps its files; a model that cannot be saved is an error. */
    public static ShippedModel of(FittedRecommender model) {
        try {
            Path tmp = Files.createTempDirectory("genrec-spark-model");
            Path dir = tmp.resolve(model.name());
            try {
                model.save(dir);
                Map<String, byte[]> files = new LinkedHashMap<>();
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.sorted().toList())
                        if (Files.isRegularFile(p)) files.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
                return new ShippedModel(model.name(), files);
            } finally {
                deleteTree(tmp); // our own temporary directory
            }
        } catch (io.genrec.model.UnsupportedCapabilityException e) {
            throw new IllegalArgumentException("model '" + model.name() + "' cannot be saved, so it cannot be shipped to Spark executors: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("saving model '" + model.name() + "' for the executors failed", e);
        }
    }

    public String name() { return name; }

    /** Archive size in bytes. */
    public long bytes() { return files.values().stream().mapToLong(b -> b.length).sum(); }

    /**
     * The model, loaded from the archive once per JVM. Models are evaluated one after the other, so a JVM keeps only
     * the latest (an earlier model's memory is released when the next arrives). The files stay until the JVM exits,
     * for providers that read them lazily.
     */
    public FittedRecommender get() {
        FittedRecommender m = LOADED.get(key);
        if (m != null) return m;
        synchronized (LOADED) {
            m = LOADED.get(key);
            if (m != null) return m;
            LOADED.clear();
            try {
                Path tmp = Files.createTempDirectory("genrec-spark-model");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try { deleteTree(tmp); } catch (IOException ignored) { } // our own temporary copy
                }));
                Path dir = tmp.resolve(name);
                Files.createDirectories(dir);
                for (var e : files.entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
                m = RecommenderRegistry.load().load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("loading shipped model '" + name + "' failed", e);
            }
            LOADED.put(key, m);
            return m;
        }
    }

    /** Forgets the loaded copy in this JVM (the driver calls it when the model's evaluation is done). */
    public void release() { LOADED.remove(key); }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

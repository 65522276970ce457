package io.genrec.model;

import io.genrec.config.Params;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** All {@link RecommenderProvider}s on the class path, by name. */
public final class RecommenderRegistry {
    private final Map<String, RecommenderProvider> providers;

    private RecommenderRegistry(Map<String, RecommenderProvider> providers) { this.providers = providers; }

    public static RecommenderRegistry load() {
        Map<String, RecommenderProvider> m = new TreeMap<>();
        for (RecommenderProvider p : ServiceLoader.load(RecommenderProvider.class)) {
            RecommenderProvider prev = m.putIfAbsent(p.name(), p);
            if (prev != null)
                throw new IllegalStateException("two providers named '" + p.name() + "': " + prev.getClass().getName() + " and " + p.getClass().getName());
        }
        return new RecommenderRegistry(Collections.unmodifiableMap(m));
    }

    /** A registry of exactly these providers (a model set up in code rather than through {@code META-INF/services}). */
    public static RecommenderRegistry of(RecommenderProvider... list) {
        Map<String, RecommenderProvider> m = new TreeMap<>();
        for (RecommenderProvider p : list)
            if (m.putIfAbsent(p.name(), p) != null) throw new IllegalArgumentException("two providers named '" + p.name() + "'");
        return new RecommenderRegistry(Collections.unmodifiableMap(m));
    }

    public Map<String, RecommenderProvider> providers() { return providers; }

    /** The provider for {@code name}; an unknown name is an error listing the known ones. */
    public RecommenderProvider provider(String name) {
        RecommenderProvider p = providers.get(name);
        if (p == null) throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", providers.keySet()));
        return p;
    }

    public Recommender create(String name, Params params) { return provider(name).create(params); }

    /** Loads a saved model, reading its name from the archive header. */
    public FittedRecommender load(Path dir) throws IOException {
        return provider(ModelArchive.readHeader(dir).model()).load(dir);
    }
}

package io.genrec.llm.embed;

import io.genrec.model.ProgressListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ItemEncoder} that answers from an {@link EmbeddingCache} and sends only the texts it has not seen (each
 * distinct text once) to the wrapped encoder, storing the results. Re-embedding an unchanged catalogue therefore
 * costs one hash per text.
 */
public final class CachingItemEncoder implements ItemEncoder {
    private final ItemEncoder delegate;
    private final EmbeddingCache cache;

    public CachingItemEncoder(ItemEncoder delegate, EmbeddingCache cache) {
        if (!delegate.modelId().equals(cache.modelId()) || delegate.dimension() != cache.dimension())
            throw new IllegalArgumentException("cache for '" + cache.modelId() + "' (" + cache.dimension() + "-d) does not match encoder '"
                    + delegate.modelId() + "' (" + delegate.dimension() + "-d)");
        this.delegate = delegate;
        this.cache = cache;
    }

    public EmbeddingCache cache() { return cache; }

    /** The wrapped encoder, for one-off texts (queries) that should not grow the cache. */
    public ItemEncoder uncached() { return delegate; }

    @Override
    public String modelId() { return delegate.modelId(); }

    @Override
    public int dimension() { return delegate.dimension(); }

    @Override
    public float[][] embed(List<String> texts, ProgressListener listener) {
        float[][] out = new float[texts.size()][];
        Map<EmbeddingCache.Key, List<Integer>> missing = new HashMap<>();
        List<String> missTexts = new ArrayList<>();
        List<EmbeddingCache.Key> missKeys = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text.isBlank()) { out[i] = new float[dimension()]; continue; }
            EmbeddingCache.Key key = EmbeddingCache.key(text);
            float[] hit = cache.get(key);
            if (hit != null) { out[i] = hit; continue; }
            List<Integer> rows = missing.get(key);
            if (rows == null) {
                missing.put(key, rows = new ArrayList<>());
                missTexts.add(text);
                missKeys.add(key);
            }
            rows.add(i);
        }
        long hits = texts.size() - countRows(missing);
        listener.progress("embed-cache", hits, texts.size(), missTexts.size() + " distinct texts to embed");
        if (missTexts.isEmpty()) return out;
        float[][] fresh = delegate.embed(missTexts, listener);
        List<float[]> values = new ArrayList<>(fresh.length);
        for (int m = 0; m < fresh.length; m++) {
            values.add(fresh[m]);
            List<Integer> rows = missing.get(missKeys.get(m));
            for (int r = 0; r < rows.size(); r++) out[rows.get(r)] = r == 0 ? fresh[m] : fresh[m].clone();
        }
        try {
            cache.putAll(missKeys, values);
        } catch (IOException e) {
            throw EmbeddingCache.unchecked(cache.file(), e);
        }
        return out;
    }

    private static long countRows(Map<EmbeddingCache.Key, List<Integer>> missing) {
        long n = 0;
        for (List<Integer> rows : missing.values()) n += rows.size();
        return n;
    }

    @Override
    public String toString() { return "CachingItemEncoder[" + delegate + ", " + cache.file() + "]"; }
}

package io.genrec.server.service;

import io.genrec.data.Item;
import io.genrec.llm.dense.CatalogEmbeddings;
import io.genrec.llm.embed.CachingItemEncoder;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.index.ExactVectorIndex;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;
import io.genrec.util.VectorMath;

import java.util.function.IntPredicate;

/**
 * Text embeddings of the catalogue (global ids) in an exact cosine index: dense search, the text cold start of users
 * no model knows, and items added through the API, which are searchable and recommendable the moment they are
 * stored. Items whose text renders empty are not indexed.
 */
public final class TextIndex implements AutoCloseable {
    /** A user's text profile is the mean of the embeddings of their most recent items, at most this many. */
    static final int PROFILE_ITEMS = 20;

    private final ItemEncoder encoder;
    private final ItemTextTemplate template;
    private final ExactVectorIndex index;

    private TextIndex(ItemEncoder encoder, ItemTextTemplate template) {
        this.encoder = encoder;
        this.template = template;
        this.index = new ExactVectorIndex(encoder.dimension());
    }

    /** Embeds every item of {@code catalog} (a caching encoder reuses earlier embeddings). */
    public static TextIndex build(Catalog catalog, ItemEncoder encoder, ProgressListener listener) {
        TextIndex t = new TextIndex(encoder, ItemTextTemplate.DEFAULT);
        float[][] vectors = CatalogEmbeddings.embed(catalog.toItemCatalog(), t.template, encoder, listener);
        for (int g = 0; g < vectors.length; g++) if (nonZero(vectors[g])) t.index.add(g, vectors[g]);
        return t;
    }

    /** Embeds and indexes one (new or changed) item. */
    public void upsert(int global, Item item) {
        String text = template.render(item);
        float[] v = text.isBlank() ? null : encoder.embed(text);
        if (v != null && nonZero(v)) index.add(global, v);
        else index.delete(global);
    }

    public String encoderId() { return encoder.modelId(); }

    public int size() { return index.size(); }

    /** The unit vector of item {@code global}, or null when it has no text. */
    public float[] vector(int global) { return index.vector(global); }

    /** The mean embedding of the last {@link #PROFILE_ITEMS} items of {@code history} that have text, or null. */
    public float[] profile(int[] history) {
        float[] sum = new float[encoder.dimension()];
        int used = 0;
        for (int k = history.length - 1; k >= 0 && used < PROFILE_ITEMS; k--) {
            float[] v = index.vector(history[k]);
            if (v == null) continue;
            VectorMath.axpy(1f, v, 0, sum, 0, sum.length);
            used++;
        }
        return used == 0 ? null : sum;
    }

    /** The embedding of a free-text query (not cached: queries are one-off), or null when it carries no text. */
    public float[] embedQuery(String query) {
        float[] q = (encoder instanceof CachingItemEncoder c ? c.uncached() : encoder).embed(query);
        return nonZero(q) ? q : null;
    }

    public TopK search(float[] query, int k, IntPredicate filter) { return index.search(query, k, filter); }

    static float cosine(float[] unit, float[] query) {
        double dot = 0, norm = 0;
        for (int i = 0; i < unit.length; i++) {
            dot += unit[i] * query[i];
            norm += query[i] * query[i];
        }
        return norm == 0 ? 0f : (float) (dot / Math.sqrt(norm));
    }

    private static boolean nonZero(float[] v) {
        for (float x : v) if (x != 0f) return true;
        return false;
    }

    @Override
    public void close() { index.close(); }
}

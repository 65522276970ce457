package io.genrec.llm.dense;

import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.llm.embed.CachingItemEncoder;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.index.ExactVectorIndex;
import io.genrec.llm.index.VectorIndex;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Free-text search over a dataset's item catalogue: the library entry point behind a CLI {@code search} command. Build
 * once ({@link #build}; the catalogue embeddings come from the disk cache after the first run), then call
 * {@link #search} any number of times, from any thread. Items whose text renders empty are not indexed.
 *
 * <pre>{@code
 * ItemSearch search = ItemSearch.build(dataset, Encoders.cached(Encoders.miniLm(threads)), ItemTextTemplate.DEFAULT, listener);
 * for (ItemSearch.Hit hit : search.search("a light-hearted space adventure", 10)) ...
 * }</pre>
 */
public final class ItemSearch implements AutoCloseable {
    /** One result: dense item index, external id, title, cosine similarity. */
    public record Hit(int item, String id, String title, float score) { }

    private final ItemCatalog catalog;
    private final ItemEncoder encoder;
    private final ItemEncoder queryEncoder;
    private final VectorIndex index;

    private ItemSearch(ItemCatalog catalog, ItemEncoder encoder, VectorIndex index) {
        this.catalog = catalog;
        this.encoder = encoder;
        // Queries are one-off texts: embed them past the disk cache so it holds only catalogue texts.
        this.queryEncoder = encoder instanceof CachingItemEncoder c ? c.uncached() : encoder;
        this.index = index;
    }

    /** Search with the default cached MiniLM encoder and template, using all processors. */
    public static ItemSearch of(Dataset data, ProgressListener listener) {
        return build(data, Encoders.cached(Encoders.miniLm(Runtime.getRuntime().availableProcessors())), ItemTextTemplate.DEFAULT, listener);
    }

    /** Embeds the catalogue of {@code data} with {@code encoder} (pass a cached encoder to reuse embeddings) into an exact index. */
    public static ItemSearch build(Dataset data, ItemEncoder encoder, ItemTextTemplate template, ProgressListener listener) {
        return build(data, encoder, template, listener, new ExactVectorIndex(encoder.dimension()));
    }

    /**
     * As {@link #build(Dataset, ItemEncoder, ItemTextTemplate, ProgressListener)} into the given empty index, e.g. a
     * {@link io.genrec.llm.index.LuceneHnswIndex} for catalogues of millions of items. The search owns the index.
     */
    public static ItemSearch build(Dataset data, ItemEncoder encoder, ItemTextTemplate template, ProgressListener listener,
                                   VectorIndex emptyIndex) {
        ItemCatalog catalog = data.catalog();
        if (!catalog.hasMetadata())
            throw new IllegalArgumentException("dataset '" + data.name() + "' has no item titles or categories to search");
        if (emptyIndex.size() != 0 || emptyIndex.dimension() != encoder.dimension())
            throw new IllegalArgumentException("the index must be empty and " + encoder.dimension() + "-d, got " + emptyIndex);
        float[][] vectors = CatalogEmbeddings.embed(catalog, template, encoder, listener);
        for (int i = 0; i < vectors.length; i++) if (nonZero(vectors[i])) emptyIndex.add(i, vectors[i]);
        return new ItemSearch(catalog, encoder, emptyIndex);
    }

    /** Accepts items having at least one of {@code categories} (exact, case-insensitive match), for {@link #search(String, int, IntPredicate)}. */
    public IntPredicate inCategories(Collection<String> categories) {
        Set<String> wanted = new HashSet<>();
        for (String c : categories) wanted.add(c.toLowerCase(Locale.ROOT));
        BitSet accepted = new BitSet(catalog.size());
        for (int i = 0; i < catalog.size(); i++)
            for (String c : catalog.get(i).categories())
                if (wanted.contains(c.toLowerCase(Locale.ROOT))) { accepted.set(i); break; }
        return accepted::get;
    }

    /** Accepts items whose attribute {@code name} parses as a number in {@code [min, max]} (e.g. year, price). */
    public IntPredicate attributeBetween(String name, double min, double max) {
        BitSet accepted = new BitSet(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            String v = catalog.get(i).attributes().get(name);
            if (v == null) continue;
            try {
                double x = Double.parseDouble(v.trim());
                if (x >= min && x <= max) accepted.set(i);
            } catch (NumberFormatException notNumeric) {
                // an item whose attribute is not a number cannot be in a numeric range
            }
        }
        return accepted::get;
    }

    private static boolean nonZero(float[] v) {
        for (float x : v) if (x != 0f) return true;
        return false;
    }

    public int indexedItems() { return index.size(); }

    public ItemEncoder encoder() { return encoder; }

    /** The {@code k} items most similar to {@code query}, best first. */
    public List<Hit> search(String query, int k) { return search(query, k, null); }

    /** As {@link #search(String, int)} among items accepted by {@code filter} (null for all), e.g. excluding seen items. */
    public List<Hit> search(String query, int k, IntPredicate filter) {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("search query must not be blank");
        float[] q = queryEncoder.embed(query);
        if (!nonZero(q)) return List.of();
        TopK top = index.search(q, k, filter);
        List<Hit> hits = new ArrayList<>(top.size());
        for (int r = 0; r < top.size(); r++) {
            int item = top.items()[r];
            Item meta = catalog.get(item);
            hits.add(new Hit(item, meta.id(), meta.title(), top.scores()[r]));
        }
        return hits;
    }

    @Override
    public void close() throws IOException { index.close(); }
}

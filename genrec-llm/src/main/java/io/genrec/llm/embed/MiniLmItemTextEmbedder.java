package io.genrec.llm.embed;

import io.genrec.data.ItemCatalog;
import io.genrec.llm.dense.CatalogEmbeddings;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ProgressListener;

/**
 * The {@link ItemTextEmbedder} genrec-llm registers for the ID models ({@code item_init=text}): the in-process MiniLM
 * ({@link Encoders#miniLm}) behind the disk cache ({@link EmbeddingCache#defaultRoot()}), reading each item through
 * the {@link ItemTextTemplate#DEFAULT} template, so the vectors are the ones {@code dense} retrieval uses. The encoder
 * is created on first use with one thread per core.
 */
public final class MiniLmItemTextEmbedder implements ItemTextEmbedder {
    private final ItemTextTemplate template;
    private volatile ItemEncoder encoder;

    /** The ServiceLoader constructor: default template, cache and thread count. */
    public MiniLmItemTextEmbedder() { this(ItemTextTemplate.DEFAULT, null); }

    /** @param encoder the encoder to use (e.g. a cached one in tests), or null for the cached in-process MiniLM */
    public MiniLmItemTextEmbedder(ItemTextTemplate template, ItemEncoder encoder) {
        this.template = template;
        this.encoder = encoder;
    }

    @Override
    public String modelId() { return encoder().modelId(); }

    @Override
    public int dimension() { return encoder().dimension(); }

    @Override
    public float[][] embed(ItemCatalog catalog, ProgressListener listener) {
        return CatalogEmbeddings.embed(catalog, template, encoder(), listener);
    }

    /** Renders each item with {@code template} instead of this embedder's own; an unknown placeholder is an error naming it. */
    @Override
    public float[][] embed(ItemCatalog catalog, String template, ProgressListener listener) {
        if (template == null || template.isBlank()) return embed(catalog, listener);
        return CatalogEmbeddings.embed(catalog, ItemTextTemplate.of(template), encoder(), listener);
    }

    private ItemEncoder encoder() {
        ItemEncoder e = encoder;
        if (e == null) {
            synchronized (this) {
                if (encoder == null) encoder = Encoders.cached(Encoders.miniLm(Runtime.getRuntime().availableProcessors()));
                e = encoder;
            }
        }
        return e;
    }
}

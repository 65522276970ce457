package io.genrec.llm.dense;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.llm.embed.CachingItemEncoder;
import io.genrec.llm.embed.EmbeddingCache;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.provenance.Provenance;

import java.nio.file.Path;
import java.util.Map;

/**
 * Dense retrieval over item text (CLI name {@code dense}): {@link #fit} renders every catalogue item through an
 * {@link ItemTextTemplate} and embeds it with an {@link ItemEncoder}; a request is scored by the cosine between a
 * query vector and each item vector. The query vector is the embedding of the request's text when it has one (search,
 * cold-start chat), otherwise a recency-weighted mean of the history items' vectors, otherwise zero (every item then
 * scores 0).
 *
 * <p>The history path is the "second-level encoder" of text-based sequential recommenders such as UniSRec (Hou et
 * al., KDD 2022) and Recformer (Li et al., KDD 2023), reduced to its simplest, training-free form: instead of a learned
 * transformer over the item-text embeddings, the user is the exponentially recency-weighted mean of the last
 * {@code maxHistory} item embeddings (weight {@code recencyDecay^age}, age 0 for the newest item). It uses no
 * interaction data at all, so it is a content-only baseline and a cold-start fallback, not a collaborative model.
 */
public final class DenseRetrievalRecommender implements Recommender {
    public static final String NAME = "dense";

    /**
     * @param encoder      encoder name for {@link Encoders#byName} (ignored when an encoder instance is supplied)
     * @param template     item text template ({@link ItemTextTemplate})
     * @param recencyDecay history weight per step of age, in (0, 1]; 1 is a plain mean
     * @param maxHistory   newest history items used for the query vector
     * @param cache        whether embeddings go through the disk cache
     * @param cacheDir     cache root; empty means {@link EmbeddingCache#defaultRoot()}
     */
    public record Config(@Param(doc = "encoder name") String encoder,
                         @Param(doc = "item text template") String template,
                         @Param(aliases = "recencyDecay", min = 0, minExclusive = true, max = 1, doc = "history weight per step of age") double recencyDecay,
                         @Param(aliases = "maxHistory", min = 1, doc = "newest history items used for the query vector") int maxHistory,
                         @Param(doc = "embeddings through the disk cache") boolean cache,
                         @Param(aliases = "cacheDir", doc = "cache root; empty means the default") String cacheDir) {
        public static final Config DEFAULT = new Config(Encoders.MINILM, ItemTextTemplate.DEFAULT_TEMPLATE, 0.9, 50, true, "");

        public Config {
            cacheDir = cacheDir == null ? "" : cacheDir;
            ConfigBinder.check(Config.class, encoder, template, recencyDecay, maxHistory, cache, cacheDir);
            ItemTextTemplate.of(template); // validates the placeholders
        }

        /** Binds the keys of this record over {@link #DEFAULT}; unknown keys fail. */
        public static Config from(Params p) {
            Config c = ConfigBinder.bind(DEFAULT, p);
            p.requireAllUsed();
            return c;
        }

        Path cacheRoot() { return cacheDir.isEmpty() ? EmbeddingCache.defaultRoot() : Path.of(cacheDir); }
    }

    private final Config config;
    private final ItemEncoder encoder;

    /** Builds the encoder from {@code config.encoder()} at fit time, with the context's thread count. */
    public DenseRetrievalRecommender(Config config) { this(config, null); }

    /**
     * Uses {@code encoder} (e.g. a remote endpoint via {@link io.genrec.llm.embed.LangChainItemEncoder}); it is put
     * behind the disk cache when {@code config.cache()} unless it is a {@link CachingItemEncoder} already.
     */
    public DenseRetrievalRecommender(Config config, ItemEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
    }

    @Override
    public String name() { return NAME; }

    @Override
    public java.util.Set<io.genrec.model.Capability> capabilities() { return DenseRetrievalModel.CAPABILITIES; }

    @Override
    public Config config() { return config; }

    /** The encoder this configuration uses (not cached). */
    ItemEncoder encoder(int threads) { return encoder != null ? encoder : Encoders.byName(config.encoder(), threads); }

    @Override
    public FittedRecommender fit(TrainContext context) {
        long start = System.nanoTime();
        Dataset train = context.train();
        ItemEncoder given = encoder(context.threads());
        // Only the catalogue goes through the disk cache: request texts are one-off and would bloat it.
        ItemEncoder enc = given instanceof CachingItemEncoder c ? c.uncached() : given;
        ItemEncoder catalogEncoder = given instanceof CachingItemEncoder || !config.cache() ? given : Encoders.cached(enc, config.cacheRoot());
        float[][] items = CatalogEmbeddings.embed(train.catalog(), ItemTextTemplate.of(config.template()), catalogEncoder, context.listener());
        Provenance p = Provenance.capture(NAME, config, train.name(), train.contentHash(), context.split(), context.seed(),
                Map.of("langchain4j", LibraryVersion.LANGCHAIN4J, "encoder", enc.modelId()),
                Map.of("fit", (System.nanoTime() - start) / 1e9));
        return new DenseRetrievalModel(config, enc.modelId(), enc.dimension(), items, p, enc);
    }
}

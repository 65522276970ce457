package io.genrec.llm.dense;

import io.genrec.data.Dataset;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.provenance.Provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cold-start fallback (CLI name {@code coldstart}): an ID-based base model for the items it has seen, and item text
 * for the ones it has not. An item with fewer than {@code minInteractions} training interactions carries no
 * collaborative signal (an ID-only model such as EASE scores it 0, whatever the user), so it is scored instead by the
 * cosine between its text embedding and the user's query vector, the recency-weighted mean of the history's text
 * embeddings or the request text, exactly as {@code dense} retrieval forms it ({@link DenseRetrievalModel#queryVector}).
 * This is the "LLM features for recommenders" use of text embeddings in the Gen-RecSys survey (Deldjoo et al., KDD
 * 2024), applied where it matters most, to new items.
 *
 * <p>Placement by rank: cosines and base scores are not on one scale, so a cold item is placed in the base ranking at
 * the position its cosine would have among the warm candidates' cosines (warm items not in the request's history,
 * which are never recommended). If {@code p} warm candidates are more text-similar to the user than the cold item, the
 * cold item is scored just below the {@code p}-th best base score among the warm candidates (just above the best when
 * {@code p = 0}). A cold item as text-similar as the user's top 1% of warm candidates thus lands among the base's top
 * 1%. Cold items without text, and all cold items for a request with no history text and
 * no request text, keep their base score.
 */
public final class ColdStartRecommender implements Recommender {
    public static final String NAME = "coldstart";

    /**
     * @param base            name of the base model, for provenance (the instance is passed to the constructor)
     * @param minInteractions items with fewer training interactions than this are cold; 1 means "never seen"
     * @param text            how the text side embeds items and users (the {@code dense} keys)
     */
    public record Config(String base, int minInteractions, DenseRetrievalRecommender.Config text) {
        public Config {
            if (minInteractions < 1) throw new IllegalArgumentException("minInteractions must be >= 1, got " + minInteractions);
            if (base == null || base.isBlank()) throw new IllegalArgumentException("base must name a model");
        }
    }

    private final Config config;
    private final Recommender base;
    private final DenseRetrievalRecommender text;

    /** @param encoder the text encoder, or null to build {@code config.text().encoder()} at fit time */
    public ColdStartRecommender(Config config, Recommender base, ItemEncoder encoder) {
        this.config = config;
        this.base = base;
        this.text = new DenseRetrievalRecommender(config.text(), encoder);
    }

    @Override
    public String name() { return NAME; }

    /** The base model's, without rating prediction (as {@link ColdStartModel#capabilities()} after fitting). */
    @Override
    public java.util.Set<io.genrec.model.Capability> capabilities() { return ColdStartModel.capabilities(base.capabilities()); }

    @Override
    public Config config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext context) {
        long start = System.nanoTime();
        Dataset train = context.train();
        FittedRecommender fittedBase = base.fit(context);
        DenseRetrievalModel fittedText = (DenseRetrievalModel) text.fit(context);
        int[] counts = train.itemPopularity();
        boolean[] cold = new boolean[train.numItems()];
        int coldCount = 0;
        for (int i = 0; i < cold.length; i++) {
            cold[i] = counts[i] < config.minInteractions() && hasText(fittedText, i);
            if (cold[i]) coldCount++;
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("fit", (System.nanoTime() - start) / 1e9);
        timings.put("coldItems", (double) coldCount);
        Provenance p = Provenance.capture(NAME, config, train.name(), train.contentHash(), context.split(), context.seed(),
                Map.of("base", fittedBase.provenance().model(), "encoder", String.valueOf(fittedText.provenance().libraries().get("encoder"))),
                timings);
        return new ColdStartModel(fittedBase, fittedText, cold, p);
    }

    private static boolean hasText(DenseRetrievalModel m, int item) {
        for (float x : m.itemVector(item)) if (x != 0f) return true;
        return false;
    }
}

package io.genrec.llm.dense;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Registers {@link ColdStartRecommender} as {@code coldstart}. Keys: {@code base} (default {@code ease}, created from
 * the registry with its default parameters), {@code min_interactions} (default 1; {@code minInteractions} is the deprecated spelling), and the {@code dense} keys for the
 * text side ({@code encoder, template, recency_decay, max_history, cache, cache_dir}). Unknown keys fail.
 */
public final class ColdStartProvider implements RecommenderProvider {
    public static final String DEFAULT_BASE = "ease";

    @Override
    public String name() { return ColdStartRecommender.NAME; }

    @Override
    public String description() {
        return "cold-start fallback: a base model (param base, default ease) plus item-text similarity for items with fewer than minInteractions training interactions";
    }

    @Override
    public Recommender create(Params params) {
        String base = params.getString("base", DEFAULT_BASE);
        int minInteractions = ConfigBinder.bind(new MinInteractions(1), params).minInteractions();
        DenseRetrievalRecommender.Config text = DenseRetrievalRecommender.Config.from(params);
        if (base.equals(ColdStartRecommender.NAME)) throw new IllegalArgumentException("coldstart cannot be its own base");
        Recommender b = RecommenderRegistry.load().create(base, Params.empty());
        return new ColdStartRecommender(new ColdStartRecommender.Config(base, minInteractions, text), b, null);
    }

    /** The provider's own key; the text side's keys are {@link DenseRetrievalRecommender.Config}'s. */
    private record MinInteractions(@Param(aliases = "minInteractions", min = 1) int minInteractions) {}

    @Override
    public FittedRecommender load(Path dir) throws IOException { return ColdStartModel.load(dir); }
}

package io.genrec.llm.rag;

import io.genrec.config.Params;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.UnsupportedCapabilityException;

import java.nio.file.Path;

/**
 * {@code rag}: candidates from a GenRec model ({@code base}, default {@code mostpop} when that provider is on the
 * class path, otherwise popularity counted locally), re-ranked by the LLM. The base is created with its default
 * parameters; callers that need a tuned base construct {@link LlmRerankRecommender} directly.
 */
public final class RagProvider implements RecommenderProvider {
    public static final String NAME = "rag";
    public static final String DEFAULT_BASE = "mostpop";

    @Override
    public String name() { return NAME; }

    @Override
    public String description() {
        return "retrieve candidates with a base model (param base, default mostpop), re-rank with an LLM; base order without one";
    }

    @Override
    public Recommender create(Params params) {
        String baseName = params.getString("base", DEFAULT_BASE);
        LlmRankerConfig config = RankerParams.config(params, baseName, false);
        var client = RankerParams.client(params);
        params.requireAllUsed();
        return new LlmRerankRecommender(NAME, config, base(baseName), client);
    }

    /** The named base from the registry; {@code popularity}, or {@code mostpop} when no such provider exists, is local. */
    static Recommender base(String baseName) {
        if (baseName.equals(NAME) || baseName.equals(LlmProvider.NAME))
            throw new IllegalArgumentException("rag: base '" + baseName + "' would re-rank an LLM ranking; choose a non-LLM model");
        if (baseName.equals(PopularityRecommender.NAME)) return new PopularityRecommender();
        RecommenderRegistry registry = RecommenderRegistry.load();
        if (registry.providers().containsKey(baseName)) return registry.create(baseName, Params.empty());
        if (baseName.equals(DEFAULT_BASE)) return new PopularityRecommender();
        throw new IllegalArgumentException("rag: unknown base model '" + baseName + "'; known: " + PopularityRecommender.NAME
                + ", " + String.join(", ", registry.providers().keySet()));
    }

    @Override
    public boolean savable() { return false; }

    @Override
    public FittedRecommender load(Path dir) { throw new UnsupportedCapabilityException(NAME, Capability.PERSISTENCE); }
}

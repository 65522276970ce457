package io.genrec.llm.rag;

import io.genrec.config.Params;
import io.genrec.llm.llm.LlmClient;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;

import java.util.Optional;

/**
 * {@code rag}: candidates from a GenRec model ({@code base}, default {@code mostpop} when that provider is on the
 * class path, otherwise popularity counted locally), re-ranked by the LLM. The base is created with its default
 * parameters; callers that need a tuned base construct {@link LlmRerankRecommender} directly.
 */
public final class RagProvider extends RankerProvider {
    public static final String NAME = "rag";
    public static final String DEFAULT_BASE = "mostpop";

    public RagProvider() {
        super(NAME, "retrieve candidates with a base model (param base, default mostpop), re-rank with an LLM; base order without one");
    }

    @Override
    String baseName(Params params) { return params.getString("base", DEFAULT_BASE); }

    @Override
    Recommender create(LlmRankerConfig config, String baseName, Optional<LlmClient> client) {
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
}

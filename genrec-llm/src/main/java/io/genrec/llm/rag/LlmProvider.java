package io.genrec.llm.rag;

import io.genrec.config.Params;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.UnsupportedCapabilityException;

import java.nio.file.Path;

/** {@code llm}: the LLM ranks the most popular unseen items for the user's recent history (zero- or few-shot). */
public final class LlmProvider implements RecommenderProvider {
    public static final String NAME = "llm";

    @Override
    public String name() { return NAME; }

    @Override
    public String description() {
        return "LLM zero/few-shot ranking of popular unseen items (OpenAI-compatible endpoint; popularity order without one)";
    }

    @Override
    public Recommender create(Params params) {
        LlmRankerConfig config = RankerParams.config(params, PopularityRecommender.NAME, false);
        var client = RankerParams.client(params);
        params.requireAllUsed();
        return LlmRerankRecommender.llm(config, client);
    }

    @Override
    public boolean savable() { return false; }

    @Override
    public FittedRecommender load(Path dir) { throw new UnsupportedCapabilityException(NAME, Capability.PERSISTENCE); }
}

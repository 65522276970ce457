package io.genrec.llm.rag;

import io.genrec.llm.llm.LlmClient;
import io.genrec.model.Recommender;

import java.util.Optional;

/** {@code llm}: the LLM ranks the most popular unseen items for the user's recent history (zero- or few-shot). */
public final class LlmProvider extends RankerProvider {
    public static final String NAME = "llm";

    public LlmProvider() {
        super(NAME, "LLM zero/few-shot ranking of popular unseen items (OpenAI-compatible endpoint; popularity order without one)");
    }

    @Override
    Recommender create(LlmRankerConfig config, String baseName, Optional<LlmClient> client) { return LlmRerankRecommender.llm(config, client); }
}

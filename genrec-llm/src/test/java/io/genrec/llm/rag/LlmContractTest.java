package io.genrec.llm.rag;

import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;

import java.util.Optional;

/**
 * The shared recommender contract for {@code llm} with a deterministic stand-in LLM that always answers
 * {@code [3, 1, 99, 0]} (99 is hallucinated), so the contract is checked on re-ranked scores.
 */
class LlmContractTest implements RecommenderContract {
    @Override
    public Recommender recommender() {
        return LlmRerankRecommender.llm(new LlmRankerConfig("popularity", 10, 5, true, 0.85, 64),
                Optional.of((messages, options) -> "[3, 1, 99, 0]"));
    }

    @Override
    public RecommenderProvider provider() { return new LlmProvider(); }
}

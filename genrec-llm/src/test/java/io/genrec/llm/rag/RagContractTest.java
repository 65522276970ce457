package io.genrec.llm.rag;

import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;

import java.util.Optional;

/** The shared recommender contract for {@code rag} with no LLM configured (base ranking with a warning). */
class RagContractTest implements RecommenderContract {
    @Override
    public Recommender recommender() {
        return new LlmRerankRecommender(RagProvider.NAME, LlmRankerConfig.defaults("popularity"), new PopularityRecommender(), Optional.empty());
    }

    @Override
    public RecommenderProvider provider() { return new RagProvider(); }
}

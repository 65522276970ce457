package io.genrec.llm.dense;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@link DenseRetrievalRecommender} as {@code dense}. */
public final class DenseRetrievalProvider implements RecommenderProvider {
    @Override
    public String name() { return DenseRetrievalRecommender.NAME; }

    @Override
    public String description() {
        return "dense retrieval: cosine between item-text embeddings (in-process MiniLM) and the query text or the recency-weighted history mean";
    }

    @Override
    public Recommender create(Params params) { return new DenseRetrievalRecommender(DenseRetrievalRecommender.Config.from(params)); }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return DenseRetrievalModel.load(dir, null); }
}

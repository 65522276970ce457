package io.genrec.llm.dense;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@link DenseRetrievalRecommender} as {@code dense}; keys from {@link DenseRetrievalRecommender.Config}. */
public final class DenseRetrievalProvider extends ConfiguredProvider<DenseRetrievalRecommender.Config> {
    public DenseRetrievalProvider() {
        super(DenseRetrievalRecommender.NAME, "dense retrieval: cosine between item-text embeddings (in-process MiniLM) and the query text or the recency-weighted history mean",
                () -> DenseRetrievalRecommender.Config.DEFAULT, DenseRetrievalRecommender::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return DenseRetrievalModel.load(dir, null); }
}

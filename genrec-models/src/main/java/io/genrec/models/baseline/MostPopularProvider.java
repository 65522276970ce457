package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code mostpop}. */
public final class MostPopularProvider implements RecommenderProvider {
    @Override public String name() { return MostPopularRecommender.NAME; }
    @Override public String description() { return "Most popular items (distinct training users per item); non-personalised"; }

    @Override
    public Recommender create(Params params) {
        params.requireAllUsed();
        return new MostPopularRecommender(MostPopularConfig.defaults());
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return MostPopularRecommender.load(dir); }
}

package io.genrec.models.baseline;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code mostpop}; parameters from {@link MostPopularConfig}. */
public final class MostPopularProvider extends ConfiguredProvider<MostPopularConfig> {
    public MostPopularProvider() {
        super(MostPopularRecommender.NAME, "Most popular items (distinct training users per item); non-personalised", MostPopularConfig::defaults, MostPopularRecommender::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return MostPopularRecommender.load(dir); }
}

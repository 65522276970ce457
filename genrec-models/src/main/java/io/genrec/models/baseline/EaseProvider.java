package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code ease}; parameters {@code lambda}, {@code precision}. */
public final class EaseProvider implements RecommenderProvider {
    @Override public String name() { return EaseRecommender.NAME; }
    @Override public String description() { return "EASE (Steck 2019): closed-form item-item autoencoder, dense n×n weights"; }

    @Override
    public Recommender create(Params params) {
        EaseConfig d = EaseConfig.defaults();
        EaseConfig c = new EaseConfig(params.getDouble("lambda", d.lambda()), params.getString("precision", d.precision()),
                params.getBoolean("weighted", d.weighted()));
        params.requireAllUsed();
        return new EaseRecommender(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return EaseRecommender.load(dir); }
}

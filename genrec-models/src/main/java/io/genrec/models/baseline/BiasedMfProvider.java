package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code biasedmf}; parameters {@code factors, epochs, learning_rate, regularization, init_std}. */
public final class BiasedMfProvider implements RecommenderProvider {
    @Override public String name() { return BiasedMfRecommender.NAME; }
    @Override public String description() {
        return "Biased matrix factorisation (Koren et al. 2009) by SGD on explicit ratings; predicts ratings (rmse, mae)";
    }

    @Override
    public Recommender create(Params params) {
        BiasedMfConfig d = BiasedMfConfig.defaults();
        BiasedMfConfig c = new BiasedMfConfig(params.getInt("factors", d.factors()), params.getInt("epochs", d.epochs()),
                params.getDouble("learning_rate", d.learningRate()), params.getDouble("regularization", d.regularization()),
                params.getDouble("init_std", d.initStd()));
        params.requireAllUsed();
        return new BiasedMfRecommender(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return BiasedMfRecommender.load(dir); }
}

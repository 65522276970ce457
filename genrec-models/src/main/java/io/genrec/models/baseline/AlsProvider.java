package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code als}; parameters {@code factors, regularization, alpha, iterations, cgSteps, initStd, weighting}. */
public final class AlsProvider implements RecommenderProvider {
    @Override public String name() { return AlsRecommender.NAME; }
    @Override public String description() { return "Implicit ALS (Hu et al. 2008) with conjugate gradient; fold-in scoring"; }

    @Override
    public Recommender create(Params params) {
        AlsConfig d = AlsConfig.defaults();
        AlsConfig c = new AlsConfig(params.getInt("factors", d.factors()),
                params.getDouble("regularization", d.regularization()), params.getDouble("alpha", d.alpha()),
                params.getInt("iterations", d.iterations()), params.getInt("cgSteps", d.cgSteps()),
                params.getDouble("initStd", d.initStd()), params.getString("weighting", d.weighting()));
        params.requireAllUsed();
        return new AlsRecommender(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return AlsRecommender.load(dir); }
}

package io.genrec.models.autorec;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code autorec}: I-AutoRec (Sedhain et al. 2015). */
public final class AutoRecProvider implements RecommenderProvider {
    @Override public String name() { return "autorec"; }
    @Override public String description() { return "I-AutoRec: item-based autoencoder reconstructing observed ratings (Sedhain et al. 2015)"; }

    @Override
    public Recommender create(Params params) {
        AutoRecConfig c = AutoRecConfig.from(params, AutoRecConfig.defaults());
        params.requireAllUsed();
        return new AutoRec(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        return new AutoRec.Fitted(l.header().provenance(), AutoRecConfig.from(l.params(), AutoRecConfig.defaults()), l.weights());
    }
}

package io.genrec.models.vae;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code multdae}: Mult-DAE (Liang et al. 2018). */
public final class MultDaeProvider implements RecommenderProvider {
    @Override public String name() { return "multdae"; }
    @Override public String description() { return "Mult-DAE: denoising autoencoder with multinomial likelihood (Liang et al. 2018)"; }

    @Override
    public Recommender create(Params params) {
        MultVaeConfig c = MultVaeConfig.from(params, MultVaeConfig.daeDefaults());
        params.requireAllUsed();
        return new MultAutoencoder(c, false);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return load(dir, false); }

    static FittedRecommender load(Path dir, boolean variational) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        MultVaeConfig c = MultVaeConfig.from(l.params(), variational ? MultVaeConfig.vaeDefaults() : MultVaeConfig.daeDefaults());
        int numItems = l.weights().shape("out.b")[0];
        return new MultAutoencoder.Fitted(l.header().model(), numItems, l.header().provenance(), c, variational, l.weights());
    }
}

package io.genrec.models.vae;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code multvae}: Mult-VAE (Liang et al. 2018). */
public final class MultVaeProvider implements RecommenderProvider {
    @Override public String name() { return "multvae"; }
    @Override public String description() { return "Mult-VAE: variational autoencoder with multinomial likelihood (Liang et al. 2018)"; }

    @Override
    public Recommender create(Params params) {
        MultVaeConfig c = MultVaeConfig.from(params, MultVaeConfig.vaeDefaults());
        params.requireAllUsed();
        return new MultAutoencoder(c, true);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return MultDaeProvider.load(dir, true); }
}

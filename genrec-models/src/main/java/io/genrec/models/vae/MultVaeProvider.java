package io.genrec.models.vae;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code multvae}: Mult-VAE (Liang et al. 2018). */
public final class MultVaeProvider extends ConfiguredProvider<MultVaeConfig> {
    public MultVaeProvider() {
        super("multvae", "Mult-VAE: variational autoencoder with multinomial likelihood (Liang et al. 2018)",
                MultVaeConfig::vaeDefaults, c -> new MultAutoencoder(c, true));
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        return MultAutoencoder.fitted(l, NeuralArchive.config(l, MultVaeConfig.vaeDefaults()), true);
    }
}

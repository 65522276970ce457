package io.genrec.models.vae;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code multdae}: Mult-DAE (Liang et al. 2018). */
public final class MultDaeProvider extends ConfiguredProvider<MultVaeConfig> {
    public MultDaeProvider() {
        super("multdae", "Mult-DAE: denoising autoencoder with multinomial likelihood (Liang et al. 2018)",
                MultVaeConfig::daeDefaults, c -> new MultAutoencoder(c, false));
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        return MultAutoencoder.fitted(l, NeuralArchive.config(l, MultVaeConfig.daeDefaults()), false);
    }
}

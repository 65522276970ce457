package io.genrec.models.vae;

import io.genrec.models.training.NeuralProvider;

/** {@code multvae}: Mult-VAE (Liang et al. 2018). */
public final class MultVaeProvider extends NeuralProvider<MultVaeConfig> {
    public MultVaeProvider() {
        super("multvae", "Mult-VAE: variational autoencoder with multinomial likelihood (Liang et al. 2018)",
                MultVaeConfig::vaeDefaults, c -> new MultAutoencoder(c, true),
                (l, c) -> MultAutoencoder.fitted(l, c, true));
    }
}

package io.genrec.models.vae;

import io.genrec.models.training.NeuralProvider;

/** {@code multdae}: Mult-DAE (Liang et al. 2018). */
public final class MultDaeProvider extends NeuralProvider<MultVaeConfig> {
    public MultDaeProvider() {
        super("multdae", "Mult-DAE: denoising autoencoder with multinomial likelihood (Liang et al. 2018)",
                MultVaeConfig::daeDefaults, c -> new MultAutoencoder(c, false),
                (l, c) -> MultAutoencoder.fitted(l, c, false));
    }
}

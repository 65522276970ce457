package io.genrec.models.vae;

import io.genrec.models.training.NeuralProvider;

/** {@code recvae}: RecVAE (Shenbin et al., WSDM 2020). */
public final class RecVaeProvider extends NeuralProvider<RecVaeConfig> {
    public RecVaeProvider() {
        super("recvae", "RecVAE: VAE with composite prior and alternating encoder/decoder training (Shenbin et al. 2020)",
                RecVaeConfig::defaults, RecVae::new,
                (l, c) -> new RecVae.Fitted(l.weights().shape("out.b")[0], l.header().provenance(), c, l.weights()));
    }
}

package io.genrec.models.vae;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code recvae}: RecVAE (Shenbin et al., WSDM 2020). */
public final class RecVaeProvider extends ConfiguredProvider<RecVaeConfig> {
    public RecVaeProvider() {
        super("recvae", "RecVAE: VAE with composite prior and alternating encoder/decoder training (Shenbin et al. 2020)",
                RecVaeConfig::defaults, RecVae::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        RecVaeConfig c = NeuralArchive.config(l, RecVaeConfig.defaults());
        return new RecVae.Fitted(l.weights().shape("out.b")[0], l.header().provenance(), c, l.weights());
    }
}

package io.genrec.models.vae;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code recvae}: RecVAE (Shenbin et al., WSDM 2020). */
public final class RecVaeProvider implements RecommenderProvider {
    @Override public String name() { return "recvae"; }
    @Override public String description() { return "RecVAE: VAE with composite prior and alternating encoder/decoder training (Shenbin et al. 2020)"; }

    @Override
    public Recommender create(Params params) {
        RecVaeConfig c = RecVaeConfig.from(params);
        params.requireAllUsed();
        return new RecVae(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        RecVaeConfig c = RecVaeConfig.from(l.params());
        return new RecVae.Fitted(l.weights().shape("out.b")[0], l.header().provenance(), c, l.weights());
    }
}

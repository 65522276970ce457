package io.genrec.models.diffusion;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code ldiffrec}: latent DiffRec with clustered item encoders (Wang et al. SIGIR 2023). */
public final class LDiffRecProvider implements RecommenderProvider {
    @Override public String name() { return "ldiffrec"; }
    @Override public String description() { return "L-DiffRec: DiffRec in a latent space from per-cluster VAE encoders (Wang et al. 2023)"; }

    @Override
    public Recommender create(Params params) {
        LDiffRecConfig c = LDiffRecConfig.from(params, LDiffRecConfig.defaults());
        params.requireAllUsed();
        return new LDiffRec(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        return new LDiffRec.Fitted(l.header().provenance(), LDiffRecConfig.from(l.params(), LDiffRecConfig.defaults()),
                l.weights(), l.header().provenance().seed());
    }
}

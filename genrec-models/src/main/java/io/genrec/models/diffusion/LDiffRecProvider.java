package io.genrec.models.diffusion;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code ldiffrec}: latent DiffRec with clustered item encoders (Wang et al. SIGIR 2023). */
public final class LDiffRecProvider extends ConfiguredProvider<LDiffRecConfig> {
    public LDiffRecProvider() {
        super("ldiffrec", "L-DiffRec: DiffRec in a latent space from per-cluster VAE encoders (Wang et al. 2023)",
                LDiffRecConfig::defaults, LDiffRec::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        return new LDiffRec.Fitted(l.header().provenance(), NeuralArchive.config(l, LDiffRecConfig.defaults()),
                l.weights(), l.header().provenance().seed());
    }
}

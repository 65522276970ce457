package io.genrec.models.diffusion;

import io.genrec.models.training.NeuralProvider;

/** {@code ldiffrec}: latent DiffRec with clustered item encoders (Wang et al. SIGIR 2023). */
public final class LDiffRecProvider extends NeuralProvider<LDiffRecConfig> {
    public LDiffRecProvider() {
        super("ldiffrec", "L-DiffRec: DiffRec in a latent space from per-cluster VAE encoders (Wang et al. 2023)",
                LDiffRecConfig::defaults, LDiffRec::new,
                (l, c) -> new LDiffRec.Fitted(l.header().provenance(), c, l.weights(), l.header().provenance().seed()));
    }
}

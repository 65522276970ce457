package io.genrec.models.diffusion;

import io.genrec.models.training.NeuralProvider;

/** {@code diffrec}: Diffusion Recommender Model (Wang et al. SIGIR 2023). */
public final class DiffRecProvider extends NeuralProvider<DiffRecConfig> {
    public DiffRecProvider() {
        super("diffrec", "DiffRec: Gaussian diffusion over interaction vectors with an MLP denoiser (Wang et al. 2023)",
                DiffRecConfig::defaults, DiffRec::new,
                (l, c) -> new DiffRec.Fitted(l.weights().shape("out" + (c.dims().size() - 1) + ".b")[0], l.header().provenance(), c, l.weights(),
                        l.header().provenance().seed()));
    }
}

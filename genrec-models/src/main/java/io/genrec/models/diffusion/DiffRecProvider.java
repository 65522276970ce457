package io.genrec.models.diffusion;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code diffrec}: Diffusion Recommender Model (Wang et al. SIGIR 2023). */
public final class DiffRecProvider extends ConfiguredProvider<DiffRecConfig> {
    public DiffRecProvider() {
        super("diffrec", "DiffRec: Gaussian diffusion over interaction vectors with an MLP denoiser (Wang et al. 2023)",
                DiffRecConfig::defaults, DiffRec::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        DiffRecConfig c = NeuralArchive.config(l, DiffRecConfig.defaults());
        int numItems = l.weights().shape("out" + (c.dims().size() - 1) + ".b")[0];
        return new DiffRec.Fitted(numItems, l.header().provenance(), c, l.weights(), l.header().provenance().seed());
    }
}

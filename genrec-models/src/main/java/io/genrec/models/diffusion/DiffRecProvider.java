package io.genrec.models.diffusion;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code diffrec}: Diffusion Recommender Model (Wang et al. SIGIR 2023). */
public final class DiffRecProvider implements RecommenderProvider {
    @Override public String name() { return "diffrec"; }
    @Override public String description() { return "DiffRec: Gaussian diffusion over interaction vectors with an MLP denoiser (Wang et al. 2023)"; }

    @Override
    public Recommender create(Params params) {
        DiffRecConfig c = DiffRecConfig.from(params, DiffRecConfig.defaults());
        params.requireAllUsed();
        return new DiffRec(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        DiffRecConfig c = DiffRecConfig.from(l.params(), DiffRecConfig.defaults());
        int numItems = l.weights().shape("out" + (c.dims().size() - 1) + ".b")[0];
        return new DiffRec.Fitted(numItems, l.header().provenance(), c, l.weights(), l.header().provenance().seed());
    }
}

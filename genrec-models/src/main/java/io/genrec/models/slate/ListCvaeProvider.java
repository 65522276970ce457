package io.genrec.models.slate;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code listcvae}: List-CVAE slate generation (Jiang et al. 2019). */
public final class ListCvaeProvider implements RecommenderProvider {
    @Override public String name() { return "listcvae"; }
    @Override public String description() { return "List-CVAE: conditional VAE generating whole slates conditioned on all-positive responses (Jiang et al. 2019)"; }

    @Override
    public Recommender create(Params params) {
        ListCvaeConfig c = ListCvaeConfig.from(params, ListCvaeConfig.defaults());
        params.requireAllUsed();
        return new ListCvae(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        ListCvaeConfig c = ListCvaeConfig.from(l.params(), ListCvaeConfig.defaults());
        int numItems = l.weights().shape("item.emb")[0];
        return new ListCvae.Fitted(l.header().provenance(), c, numItems, l.weights());
    }
}

package io.genrec.models.slate;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code listcvae}: List-CVAE slate generation (Jiang et al. 2019). */
public final class ListCvaeProvider extends ConfiguredProvider<ListCvaeConfig> {
    public ListCvaeProvider() {
        super("listcvae", "List-CVAE: conditional VAE generating whole slates conditioned on all-positive responses (Jiang et al. 2019)",
                ListCvaeConfig::defaults, ListCvae::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        ListCvaeConfig c = NeuralArchive.config(l, ListCvaeConfig.defaults());
        int numItems = l.weights().shape("item.emb")[0];
        return new ListCvae.Fitted(l.header().provenance(), c, numItems, l.weights());
    }
}

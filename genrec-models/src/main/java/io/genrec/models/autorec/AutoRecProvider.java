package io.genrec.models.autorec;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code autorec}: I-AutoRec (Sedhain et al. 2015). */
public final class AutoRecProvider extends ConfiguredProvider<AutoRecConfig> {
    public AutoRecProvider() {
        super("autorec", "I-AutoRec: item-based autoencoder reconstructing observed ratings (Sedhain et al. 2015)",
                AutoRecConfig::defaults, AutoRec::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        return new AutoRec.Fitted(l.header().provenance(), NeuralArchive.config(l, AutoRecConfig.defaults()), l.weights());
    }
}

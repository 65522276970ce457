package io.genrec.models.sequential;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code gru4rec}: GRU4Rec (Hidasi et al. 2016). */
public final class Gru4RecProvider extends ConfiguredProvider<Gru4RecConfig> {
    public Gru4RecProvider() {
        super("gru4rec", "GRU4Rec: recurrent next-item model with full softmax cross-entropy (Hidasi et al. 2016)",
                Gru4RecConfig::defaults, Gru4Rec::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        Gru4RecConfig c = NeuralArchive.config(l, Gru4RecConfig.defaults());
        return new Gru4Rec.Fitted(l.header().provenance(), c, l.weights().shape("out.b")[0], l.weights());
    }
}

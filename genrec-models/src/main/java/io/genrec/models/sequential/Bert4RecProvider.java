package io.genrec.models.sequential;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code bert4rec}: BERT4Rec (Sun et al. 2019). */
public final class Bert4RecProvider extends ConfiguredProvider<Bert4RecConfig> {
    public Bert4RecProvider() {
        super("bert4rec", "BERT4Rec: bidirectional transformer with Cloze training, mask-last inference (Sun et al. 2019)",
                Bert4RecConfig::defaults, Bert4Rec::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        Bert4RecConfig c = NeuralArchive.config(l, Bert4RecConfig.defaults());
        return new Bert4Rec.Fitted(l.header().provenance(), c, l.weights().shape("out_bias")[0], l.weights());
    }
}

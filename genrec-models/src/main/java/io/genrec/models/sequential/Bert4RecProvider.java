package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code bert4rec}: BERT4Rec (Sun et al. 2019). */
public final class Bert4RecProvider implements RecommenderProvider {
    @Override public String name() { return "bert4rec"; }
    @Override public String description() { return "BERT4Rec: bidirectional transformer with Cloze training, mask-last inference (Sun et al. 2019)"; }

    @Override
    public Recommender create(Params params) {
        Bert4RecConfig c = Bert4RecConfig.from(params, Bert4RecConfig.defaults());
        params.requireAllUsed();
        return new Bert4Rec(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        Bert4RecConfig c = Bert4RecConfig.from(l.params(), Bert4RecConfig.defaults());
        l.params().requireAllUsed();
        return new Bert4Rec.Fitted(l.header().provenance(), c, l.weights().shape("out_bias")[0], l.weights());
    }
}

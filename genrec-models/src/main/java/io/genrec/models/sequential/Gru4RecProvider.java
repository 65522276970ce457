package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code gru4rec}: GRU4Rec (Hidasi et al. 2016). */
public final class Gru4RecProvider implements RecommenderProvider {
    @Override public String name() { return "gru4rec"; }
    @Override public String description() { return "GRU4Rec: recurrent next-item model with full softmax cross-entropy (Hidasi et al. 2016)"; }

    @Override
    public Recommender create(Params params) {
        Gru4RecConfig c = Gru4RecConfig.from(params, Gru4RecConfig.defaults());
        params.requireAllUsed();
        return new Gru4Rec(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        Gru4RecConfig c = Gru4RecConfig.from(l.params(), Gru4RecConfig.defaults());
        l.params().requireAllUsed();
        return new Gru4Rec.Fitted(l.header().provenance(), c, l.weights().shape("out.b")[0], l.weights());
    }
}

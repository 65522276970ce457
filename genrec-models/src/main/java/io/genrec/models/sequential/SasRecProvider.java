package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code sasrec}: SASRec (Kang &amp; McAuley 2018). */
public final class SasRecProvider implements RecommenderProvider {
    @Override public String name() { return "sasrec"; }
    @Override public String description() { return "SASRec: causal self-attention next-item model (Kang & McAuley 2018); loss=bce|ce, negatives=uniform|irgan"; }

    @Override
    public Recommender create(Params params) {
        SasRecConfig c = SasRecConfig.from(params, SasRecConfig.defaults());
        params.requireAllUsed();
        return new SasRec(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        SasRecConfig c = SasRecConfig.from(l.params(), SasRecConfig.defaults());
        l.params().requireAllUsed();
        int numItems = l.weights().shape("item_emb")[0] - 1;
        return new SasRec.Fitted(l.header().provenance(), c, numItems, l.weights());
    }
}

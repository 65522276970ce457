package io.genrec.models.sequential;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.models.training.NeuralArchive;

import java.io.IOException;
import java.nio.file.Path;

/** {@code sasrec}: SASRec (Kang &amp; McAuley 2018). */
public final class SasRecProvider extends ConfiguredProvider<SasRecConfig> {
    public SasRecProvider() {
        super("sasrec", "SASRec: causal self-attention next-item model (Kang & McAuley 2018); loss=bce|ce, negatives=uniform|irgan",
                SasRecConfig::defaults, SasRec::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException {
        NeuralArchive.Loaded l = NeuralArchive.load(dir);
        SasRecConfig c = NeuralArchive.config(l, SasRecConfig.defaults());
        int numItems = l.weights().shape("item_emb")[0] - 1;
        return new SasRec.Fitted(l.header().provenance(), c, numItems, l.weights());
    }
}

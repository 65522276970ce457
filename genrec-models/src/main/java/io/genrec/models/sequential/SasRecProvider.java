package io.genrec.models.sequential;

import io.genrec.models.training.NeuralProvider;

/** {@code sasrec}: SASRec (Kang &amp; McAuley 2018). */
public final class SasRecProvider extends NeuralProvider<SasRecConfig> {
    public SasRecProvider() {
        super("sasrec", "SASRec: causal self-attention next-item model (Kang & McAuley 2018); loss=bce|ce, negatives=uniform|irgan",
                SasRecConfig::defaults, SasRec::new,
                (l, c) -> new SasRec.Fitted(l.header().provenance(), c, l.weights().shape("item_emb")[0] - 1, l.weights()));
    }
}

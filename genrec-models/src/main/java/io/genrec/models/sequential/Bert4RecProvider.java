package io.genrec.models.sequential;

import io.genrec.models.training.NeuralProvider;

/** {@code bert4rec}: BERT4Rec (Sun et al. 2019). */
public final class Bert4RecProvider extends NeuralProvider<Bert4RecConfig> {
    public Bert4RecProvider() {
        super("bert4rec", "BERT4Rec: bidirectional transformer with Cloze training, mask-last inference (Sun et al. 2019)",
                Bert4RecConfig::defaults, Bert4Rec::new,
                (l, c) -> new Bert4Rec.Fitted(l.header().provenance(), c, l.weights().shape("out_bias")[0], l.weights()));
    }
}

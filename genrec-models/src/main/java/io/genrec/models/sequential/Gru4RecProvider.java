package io.genrec.models.sequential;

import io.genrec.models.training.NeuralProvider;

/** {@code gru4rec}: GRU4Rec (Hidasi et al. 2016). */
public final class Gru4RecProvider extends NeuralProvider<Gru4RecConfig> {
    public Gru4RecProvider() {
        super("gru4rec", "GRU4Rec: recurrent next-item model with full softmax cross-entropy (Hidasi et al. 2016)",
                Gru4RecConfig::defaults, Gru4Rec::new,
                (l, c) -> new Gru4Rec.Fitted(l.header().provenance(), c, l.weights().shape("out.b")[0], l.weights()));
    }
}

package io.genrec.models.autorec;

import io.genrec.models.training.NeuralProvider;

/** {@code autorec}: I-AutoRec (Sedhain et al. 2015). */
public final class AutoRecProvider extends NeuralProvider<AutoRecConfig> {
    public AutoRecProvider() {
        super("autorec", "I-AutoRec: item-based autoencoder reconstructing observed ratings (Sedhain et al. 2015)",
                AutoRecConfig::defaults, AutoRec::new,
                (l, c) -> new AutoRec.Fitted(l.header().provenance(), c, l.weights()));
    }
}

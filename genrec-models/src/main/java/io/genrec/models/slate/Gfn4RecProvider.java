package io.genrec.models.slate;

import io.genrec.models.training.NeuralProvider;

/** {@code gfn4rec}: GFlowNet slate generation with trajectory balance (Liu et al., KDD 2023). */
public final class Gfn4RecProvider extends NeuralProvider<Gfn4RecConfig> {
    public Gfn4RecProvider() {
        super("gfn4rec", "GFN4Rec: GFlowNet generating a slate item by item, trained by trajectory balance against a learned user response model (Liu et al. 2023)",
                Gfn4RecConfig::defaults, Gfn4Rec::new, (l, c) -> new Gfn4Rec.Fitted(l.header().provenance(), c, l.weights()));
    }
}

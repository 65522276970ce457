package io.genrec.models.slate;

import io.genrec.models.training.NeuralProvider;

/** {@code listcvae}: List-CVAE slate generation (Jiang et al. 2019). */
public final class ListCvaeProvider extends NeuralProvider<ListCvaeConfig> {
    public ListCvaeProvider() {
        super("listcvae", "List-CVAE: conditional VAE generating whole slates conditioned on all-positive responses (Jiang et al. 2019)",
                ListCvaeConfig::defaults, ListCvae::new,
                (l, c) -> new ListCvae.Fitted(l.header().provenance(), c, l.weights().shape("item.emb")[0], l.weights()));
    }
}

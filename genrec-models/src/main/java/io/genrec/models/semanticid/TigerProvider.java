package io.genrec.models.semanticid;

import io.genrec.models.training.NeuralProvider;

/** Registers {@code tiger} (see {@link Tiger}). */
public final class TigerProvider extends NeuralProvider<TigerConfig> {
    public TigerProvider() {
        super(Tiger.NAME, "TIGER: generative retrieval over semantic IDs (Rajput et al. 2023); tokenizer=rqkmeans|rqvae, beam search over an ID trie",
                TigerConfig::defaults, Tiger::new, (l, c) -> Tiger.Fitted.restore(l.header().provenance(), c, l.weights()));
    }
}

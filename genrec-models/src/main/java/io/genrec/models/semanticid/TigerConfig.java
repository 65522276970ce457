package io.genrec.models.semanticid;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

/**
 * Hyperparameters of TIGER (Rajput et al., "Recommender Systems with Generative Retrieval", NeurIPS 2023). Paper
 * sizes: 4 encoder and 4 decoder layers, model width 128, feed-forward width 1024, dropout 0.1, 3 codebooks of 256
 * codes plus the disambiguation token, user ids hashed into 2,000 buckets, histories of up to 20 items, beam 20.
 * Deviation: the paper's 6 heads of width 64 (inner width 384, T5-style) are replaced by heads that divide the model
 * width (default 4 heads of 32), so attention projections stay {@code dim x dim}. Positions are learned absolute
 * embeddings (T5's relative position buckets are not implemented).
 *
 * @param dim         model width
 * @param layers      encoder layers, and as many decoder layers
 * @param heads       attention heads (must divide dim)
 * @param ff          feed-forward width
 * @param dropout     dropout on embeddings, attention weights and feed-forward outputs
 * @param maxLen      history items read (the most recent), each as {@code levels + 1} tokens
 * @param tokenizer   {@code rqkmeans} or {@code rqvae} ({@link ItemTokenizers})
 * @param levels      tokenizer codebooks (the ID has one more token: the disambiguation token)
 * @param codes       codes per codebook (also the largest group of colliding items the last token can number)
 * @param beam        beam width of the constrained decoding; a user gets at most this many ranked items
 * @param userBuckets hash buckets of the user-id token (one more bucket serves users the model does not know)
 * @param itemText    which item fields the tokenizer's text vectors see: an item text template ({@code {title}},
 *                    {@code {title}\nBrand: {text.brand}}, ...); empty means the encoder's default (every field)
 */
public record TigerConfig(@Param(min = 8) int dim,
                          @Param(min = 1) int layers,
                          @Param(min = 1) int heads,
                          @Param(min = 1) int ff,
                          @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                          @Param(min = 1) int maxLen,
                          @Param(choices = {"rqkmeans", "rqvae"}) String tokenizer,
                          @Param(min = 1, max = 6) int levels,
                          @Param(min = 2, max = 1024) int codes,
                          @Param(min = 1) int beam,
                          @Param(min = 1) int userBuckets,
                          @Param(doc = "item text template for the semantic-ID embeddings, e.g. {title}; empty: every field") String itemText,
                          TrainingConfig training) {
    public TigerConfig {
        ConfigBinder.check(TigerConfig.class, dim, layers, heads, ff, dropout, maxLen, tokenizer, levels, codes, beam, userBuckets, itemText, training);
        if (dim % heads != 0) throw new IllegalArgumentException("heads must divide dim " + dim + ", got " + heads);
    }

    public static TigerConfig defaults() {
        return new TigerConfig(128, 4, 4, 1024, 0.1, 20, "rqkmeans", 3, 256, 20, 2000, "",
                new TrainingConfig(200, 256, 1e-3, 0.0, 10, 1, 10, 1000));
    }

    /** A copy with {@code tokenizer} set. */
    public TigerConfig withTokenizer(String t) {
        return new TigerConfig(dim, layers, heads, ff, dropout, maxLen, t, levels, codes, beam, userBuckets, itemText, training);
    }

    /** Tokens per semantic ID: the tokenizer's codes plus the disambiguation token. */
    public int idLength() { return levels + 1; }
}

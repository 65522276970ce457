package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;


/**
 * Hyperparameters of BERT4Rec (Sun et al., "BERT4Rec: Sequential Recommendation with Bidirectional Encoder
 * Representations from Transformer", CIKM 2019). Defaults are the paper's: 2 layers, 2 heads, hidden size 64 (feed-
 * forward 4x), maximum length 50 for the Amazon sets (200 for MovieLens: {@code max_len=200}), dropout 0.1, Cloze
 * mask proportion 0.6 for Beauty (0.2 for MovieLens: {@code mask_prob=0.2}), Adam lr 1e-4, batch 256. Deviations:
 * the paper trains a fixed 400,000 steps; here up to 200 epochs with validation NDCG@10 early stopping (patience
 * 10). The paper's optimiser is BERT's Adam with decoupled weight decay 0.01; the shared loop only has L2 added to
 * the gradient, a much stronger penalty under Adam (a capped Beauty run with {@code weight_decay=0.01} plateaued at a
 * training loss of 8.98 from its second epoch on), so the default here is no weight decay. Masked positions always
 * get the mask token (no BERT 80/10/10 replacement, as the paper).
 *
 * @param hiddenSize embedding and hidden width
 * @param blocks     transformer layers
 * @param heads      attention heads (must divide hiddenSize)
 * @param maxLen     window length including the mask token appended at inference
 * @param dropout    dropout on embeddings, attention weights and sub-layer outputs
 * @param maskProb   probability that a training position is masked (at least one per sequence)
 */
public record Bert4RecConfig(@Param(min = 1) int hiddenSize,
                             @Param(min = 1) int blocks,
                             @Param(min = 1) int heads,
                             @Param(min = 2, doc = "window length including the mask token") int maxLen,
                             @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                             @Param(min = 0, minExclusive = true, max = 1) double maskProb,
                             TrainingConfig training) {
    public Bert4RecConfig {
        ConfigBinder.check(Bert4RecConfig.class, hiddenSize, blocks, heads, maxLen, dropout, maskProb, training);
        if (heads < 1 || hiddenSize % heads != 0)
            throw new IllegalArgumentException("heads must be >= 1 and divide hidden_size " + hiddenSize + ", got " + heads);
    }

    public static Bert4RecConfig defaults() {
        return new Bert4RecConfig(64, 2, 2, 50, 0.1, 0.6, new TrainingConfig(200, 256, 1e-4, 0.0, 10, 1, 10, 0));
    }
}

package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;


/**
 * Hyperparameters of GRU4Rec (Hidasi et al., "Session-based Recommendations with Recurrent Neural Networks", ICLR
 * 2016). Defaults follow the paper's best single-layer setting: one GRU layer of 100 units on one-hot item input,
 * dropout 0.5 on the hidden layer, mini-batches of 50 sequences, and a softmax cross-entropy over all items (one of
 * the paper's losses). {@code loss=bpr-max} selects BPR-max with score regularisation {@code bpreg} (Hidasi &amp;
 * Karatzoglou, CIKM 2018; {@link NextItemLoss#BPR_MAX}), trained against the batch's uniformly sampled negatives
 * (one per position, shared by all positions; GRU4Rec also adds extra popularity-sampled ones). Deviations: Adam lr 1e-3 from the shared loop instead of Adagrad lr
 * 0.01; sequences are each user's last {@code maxLen + 1} items trained as padded windows rather than
 * session-parallel mini-batches; up to 30 epochs with validation NDCG@10 early stopping (patience 5).
 *
 * @param hiddenSize GRU units
 * @param maxLen     history length used; longer histories keep their most recent part
 * @param dropout    dropout on the GRU output
 * @param loss       {@code ce} (full softmax, default) or {@code bpr-max}
 * @param bpreg      BPR-max's score regularisation weight
 */
public record Gru4RecConfig(@Param(min = 1) int hiddenSize,
                            @Param(min = 1) int maxLen,
                            @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                            TrainingConfig training,
                            @Param(doc = "ce or bpr-max") String loss,
                            @Param(min = 0) double bpreg) {
    public Gru4RecConfig {
        ConfigBinder.check(Gru4RecConfig.class, hiddenSize, maxLen, dropout, training, loss, bpreg);
        NextItemLoss l = NextItemLoss.parse(String.valueOf(loss));
        if (l == NextItemLoss.SAMPLED_BCE) throw new IllegalArgumentException("gru4rec loss must be 'ce' or 'bpr-max', got '" + loss + "'");
    }

    /** A full-softmax configuration. */
    public Gru4RecConfig(int hiddenSize, int maxLen, double dropout, TrainingConfig training) {
        this(hiddenSize, maxLen, dropout, training, NextItemLoss.FULL_SOFTMAX.key(), NextItemLoss.DEFAULT_BPREG);
    }

    /** The loss as its enum. */
    public NextItemLoss lossFunction() { return NextItemLoss.parse(loss); }

    public static Gru4RecConfig defaults() {
        return new Gru4RecConfig(100, 50, 0.5, new TrainingConfig(30, 50, 1e-3, 0.0, 5, 1, 10, 0));
    }
}

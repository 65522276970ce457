package io.genrec.models.slate;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;


/**
 * Hyperparameters of List-CVAE (Jiang et al., "Beyond Greedy Ranking: Slate Optimization via List-CVAE", ICLR 2019).
 * Kept from the paper: the slate of K items and the per-position response vector r as the condition, an encoder
 * q(z | slate, c), a learned conditional prior p(z | c) = N(mu0(c), sigma0(c)), a decoder emitting K vectors that
 * become K position-wise softmax distributions through dot products with the item embeddings, and inference with the
 * ideal condition r = (1, ..., 1).
 *
 * <p>Deviations (GenRec has implicit feedback, not logged slates with clicks): training slates are synthesised per
 * user from the history (positives, r = 1) and uniformly drawn unseen items (negatives, r = 0), with the number of
 * positives uniform in 0..min(K, history - 1); the condition also holds a user context, the mean embedding of the
 * user's history items not in the slate; item embeddings are learned jointly (the paper pre-trains them) and the
 * softmax is over the full catalog (the paper negatively downsamples it); the KL weight is annealed linearly from 0
 * to {@code betaCap}; inference takes the prior mean instead of a sample, so a slate is deterministic. Sizes are
 * GenRec's choices (no single setting in the paper fits ML-1M-sized catalogs): embedding 64, latent 16, one tanh
 * hidden layer of 128 in encoder, prior and decoder, K = 10, 4 sampled slates per user and epoch, Adam lr 1e-3,
 * batch 256, up to 100 epochs with validation NDCG@10 every 5 epochs on 1000 users, patience 4 validations.
 */
public record ListCvaeConfig(@Param(min = 1, doc = "K, the slate length the decoder generates") int slateSize,
                             @Param(min = 1, doc = "item embedding width") int embeddingDim,
                             @Param(min = 1, doc = "width of z") int latentDim,
                             @Param(min = 1, doc = "width of the one hidden layer of encoder, prior and decoder") int hiddenDim,
                             @Param(min = 0, doc = "final KL weight") double betaCap,
                             @Param(min = 1, doc = "optimizer steps over which the KL weight grows linearly from 0 to beta_cap") int annealSteps,
                             @Param(min = 1, doc = "training slates drawn per user and epoch") int slatesPerUser,
                             TrainingConfig training) {
    public ListCvaeConfig {
        ConfigBinder.check(ListCvaeConfig.class, slateSize, embeddingDim, latentDim, hiddenDim, betaCap, annealSteps, slatesPerUser, training);
    }

    public static ListCvaeConfig defaults() {
        return new ListCvaeConfig(10, 64, 16, 128, 1.0, 2000, 4, new TrainingConfig(100, 256, 1e-3, 0.0, 4, 5, 10, 1000));
    }

    /** Width of the condition c = (r, user context). */
    int conditionDim() { return slateSize + embeddingDim; }
}

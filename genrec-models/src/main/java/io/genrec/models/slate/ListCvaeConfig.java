package io.genrec.models.slate;

import io.genrec.config.Params;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.Map;

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
 *
 * @param slateSize      K, the slate length the decoder generates
 * @param embeddingDim   item embedding width
 * @param latentDim      width of z
 * @param hiddenDim      width of the one hidden layer of encoder, prior and decoder
 * @param betaCap        final KL weight
 * @param annealSteps    optimizer steps over which the KL weight grows linearly from 0 to {@code betaCap}
 * @param slatesPerUser  training slates drawn per user and epoch
 */
public record ListCvaeConfig(int slateSize, int embeddingDim, int latentDim, int hiddenDim, double betaCap,
                             int annealSteps, int slatesPerUser, TrainingConfig training) {
    public ListCvaeConfig {
        if (slateSize < 1) throw new IllegalArgumentException("slate_size must be >= 1, got " + slateSize);
        if (embeddingDim < 1) throw new IllegalArgumentException("embedding_dim must be >= 1, got " + embeddingDim);
        if (latentDim < 1) throw new IllegalArgumentException("latent_dim must be >= 1, got " + latentDim);
        if (hiddenDim < 1) throw new IllegalArgumentException("hidden_dim must be >= 1, got " + hiddenDim);
        if (!(betaCap >= 0)) throw new IllegalArgumentException("beta_cap must be >= 0, got " + betaCap);
        if (annealSteps < 1) throw new IllegalArgumentException("anneal_steps must be >= 1, got " + annealSteps);
        if (slatesPerUser < 1) throw new IllegalArgumentException("slates_per_user must be >= 1, got " + slatesPerUser);
        if (training == null) throw new IllegalArgumentException("training must not be null");
    }

    public static ListCvaeConfig defaults() {
        return new ListCvaeConfig(10, 64, 16, 128, 1.0, 2000, 4, new TrainingConfig(100, 256, 1e-3, 0.0, 4, 5, 10, 1000));
    }

    /** Keys {@code slate_size, embedding_dim, latent_dim, hidden_dim, beta_cap, anneal_steps, slates_per_user} plus the loop's keys. */
    public static ListCvaeConfig from(Params p, ListCvaeConfig def) {
        return new ListCvaeConfig(p.getInt("slate_size", def.slateSize), p.getInt("embedding_dim", def.embeddingDim),
                p.getInt("latent_dim", def.latentDim), p.getInt("hidden_dim", def.hiddenDim), p.getDouble("beta_cap", def.betaCap),
                p.getInt("anneal_steps", def.annealSteps), p.getInt("slates_per_user", def.slatesPerUser),
                TrainingConfig.from(p, def.training));
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("slate_size", Integer.toString(slateSize));
        m.put("embedding_dim", Integer.toString(embeddingDim));
        m.put("latent_dim", Integer.toString(latentDim));
        m.put("hidden_dim", Integer.toString(hiddenDim));
        m.put("beta_cap", Double.toString(betaCap));
        m.put("anneal_steps", Integer.toString(annealSteps));
        m.put("slates_per_user", Integer.toString(slatesPerUser));
        m.putAll(NeuralArchive.toParams(training));
        return m;
    }

    /** Width of the condition c = (r, user context). */
    int conditionDim() { return slateSize + embeddingDim; }
}

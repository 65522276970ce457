package io.genrec.models.slate;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

/**
 * Hyperparameters of GFN4Rec (Liu et al., "Generative Flow Network for Listwise Recommendation", KDD 2023). Kept from
 * the paper: the slate is generated item by item by a forward policy P_F(a_t | u, a_1..a_{t-1}) (no repeats; the
 * items chosen so far enter the state as their embeddings in slate order), a learned log-flow of the user state,
 * log Z(u), and the trajectory balance loss of one generation path per list (the generation graph is a tree, so
 * P_B = 1):
 * {@code (log Z(u) + sum_t log(P_F(a_t) + b_f) - beta log(R(u, O) + b_r))^2}, with the reward R(u, O) the mean over the
 * slate of a learned user response model's click probability (the paper: mean over the slate of the weighted sum of
 * response signals, here one signal), b_r the reward smoothing offset (0.3 in the authors' ML-1M script), and greedy
 * decoding at inference.
 *
 * <p>Deviations (GenRec has implicit feedback, no logged slates or online simulator): the response model is trained
 * on the slates {@link TrainingSlates} synthesises (history items = click, uniform unseen = no click) and frozen
 * before the policy trains; the policy trains on its own sampled slates (on-policy sampling with per-step
 * epsilon-uniform exploration, {@code explore}) scored by that response model, with the user's training history
 * masked out; the user state is an MLP over the mean item embedding of the history (the paper: a transformer over the
 * history and user features), and the policy's item embeddings start as a copy of the trained response model's;
 * b_f defaults to 0 (the exact TB form; the authors' scripts use 1.0); the exponent beta ({@code reward_power},
 * 1 = the paper) is an addition, default 5: a mean click probability plus 0.3 spans barely one nat between the best
 * and the worst slate, and with beta = 1 the policy stayed near uniform (planted test: 41 % in-cluster slate items,
 * chance 39 %; with beta = 5, 87 %).
 *
 * <p>Sizes are GenRec's choices: embedding 64, hidden 128, K = 10, explore 0.1, response model 10 epochs on 4 slates
 * per user, policy Adam lr 1e-3, batch 256, up to 50 epochs with validation NDCG@10 every 5 on 1000 users, patience 4.
 */
public record Gfn4RecConfig(@Param(min = 1, doc = "K, the slate length generated per trajectory") int slateSize,
                            @Param(min = 1, doc = "item embedding width (policy and response model)") int embeddingDim,
                            @Param(min = 1, doc = "width of the user state and the forward policy's hidden layer") int hiddenDim,
                            @Param(min = 0, doc = "b_f, offset inside log(P_F + b_f) (0 = exact trajectory balance)") double forwardOffset,
                            @Param(min = 0, minExclusive = true, doc = "b_r, reward smoothing offset inside log(R + b_r)") double rewardSmooth,
                            @Param(min = 0, minExclusive = true, doc = "beta, the power of the smoothed reward (1 = the paper)") double rewardPower,
                            @Param(min = 0, max = 1, doc = "per-step probability of a uniform random item while sampling training slates") double explore,
                            @Param(min = 1, doc = "epochs of the user response model (trained first, then frozen)") int responseEpochs,
                            @Param(min = 1, doc = "synthetic slates per user and epoch for the response model") int responseSlatesPerUser,
                            TrainingConfig training) {
    public Gfn4RecConfig {
        ConfigBinder.check(Gfn4RecConfig.class, slateSize, embeddingDim, hiddenDim, forwardOffset, rewardSmooth, rewardPower, explore,
                responseEpochs, responseSlatesPerUser, training);
    }

    public static Gfn4RecConfig defaults() {
        return new Gfn4RecConfig(10, 64, 128, 0.0, 0.3, 5.0, 0.1, 10, 4, new TrainingConfig(50, 256, 1e-3, 0.0, 4, 5, 10, 1000));
    }
}

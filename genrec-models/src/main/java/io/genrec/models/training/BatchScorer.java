package io.genrec.models.training;

import io.genrec.model.UserContext;

/**
 * Optional fast path of a fitted neural model: scores many users at once with matrix-matrix products in the native
 * engine (per call NDManager, closed before returning), for evaluation of models whose per-user Java forward pass is
 * expensive (DiffRec runs its denoiser once per diffusion step). Results equal {@code scoreAll} up to float rounding.
 * Thread safe.
 */
public interface BatchScorer {
    /** Fills {@code out[u]} (length = items) with the scores of {@code users[u]}. */
    void scoreBatch(UserContext[] users, float[][] out);
}

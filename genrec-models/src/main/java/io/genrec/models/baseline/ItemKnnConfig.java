package io.genrec.models.baseline;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

/**
 * Item-kNN hyperparameters.
 *
 * <p>Defaults: neighbours=100 as RecBole's ItemKNN {@code k}; shrink=10 (RecBole uses 0) is a moderate value inside
 * the shrink range 0..1000 that Dacrema et al. (RecSys 2019, "Are we really making much progress?") search for their
 * tuned ItemKNN-CF baseline. They are starting points, not tuned values; tune on validation data.
 *
 * @param neighbours most similar items kept per item (default 100)
 * @param shrink     shrinkage added to the cosine denominator, damping similarities backed by few users (default 10)
 * @param weighted   cosine of the columns of summed interaction values (ratings, play counts) instead of binary
 *                   columns, and a request's history weighted by its values; default false (unchanged results on
 *                   binarised data, where both are the same)
 */
public record ItemKnnConfig(@Param(min = 1, doc = "most similar items kept per item") int neighbours,
                            @Param(min = 0, doc = "shrinkage added to the cosine denominator") double shrink,
                            @Param(doc = "cosine of summed interaction values instead of binary columns") boolean weighted) {
    public ItemKnnConfig(int neighbours, double shrink) { this(neighbours, shrink, false); }

    public ItemKnnConfig { ConfigBinder.check(ItemKnnConfig.class, neighbours, shrink, weighted); }

    public static ItemKnnConfig defaults() { return new ItemKnnConfig(100, 10); }
}

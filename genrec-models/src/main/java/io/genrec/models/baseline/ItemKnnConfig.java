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
 */
public record ItemKnnConfig(@Param(min = 1, doc = "most similar items kept per item") int neighbours,
                            @Param(min = 0, doc = "shrinkage added to the cosine denominator") double shrink) {
    public ItemKnnConfig { ConfigBinder.check(ItemKnnConfig.class, neighbours, shrink); }

    public static ItemKnnConfig defaults() { return new ItemKnnConfig(100, 10); }
}

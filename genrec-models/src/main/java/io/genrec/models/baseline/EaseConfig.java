package io.genrec.models.baseline;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

/**
 * EASE hyperparameters.
 *
 * @param lambda    L2 regularisation added to the diagonal of the Gram matrix; default 500, the value Steck (WWW 2019)
 *                  reports for ML-20M (tune on validation data: smaller data sets often prefer smaller values)
 * @param precision floating-point type of the matrix inverse, {@code float32} (default) or {@code float64}. On ML-1M
 *                  (2,810 items) float32 scores differed from float64 by at most 3e-6 with identical NDCG, and its
 *                  inverse was faster (0.58 s against 0.92 s, best of 5; docs/results/baselines-speed.md)
 * @param weighted  X holds the summed interaction values (ratings, play counts) instead of 1 per (user, item), in
 *                  training and in a request's history; default false (the published defaults were tuned on
 *                  binarised data, where both are the same)
 */
public record EaseConfig(@Param(min = 0, minExclusive = true, doc = "L2 regularisation on the Gram diagonal") double lambda,
                         @Param(choices = {EaseConfig.FLOAT32, EaseConfig.FLOAT64}, doc = "type of the matrix inverse") String precision,
                         @Param(doc = "X holds summed interaction values instead of 1s") boolean weighted) {
    public EaseConfig(double lambda, String precision) { this(lambda, precision, false); }

    public static final String FLOAT32 = "float32";
    public static final String FLOAT64 = "float64";

    public EaseConfig { ConfigBinder.check(EaseConfig.class, lambda, precision, weighted); }

    public static EaseConfig defaults() { return new EaseConfig(500, FLOAT32); }

    boolean doublePrecision() { return FLOAT64.equals(precision); }
}

package io.genrec.models.baseline;

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
public record EaseConfig(double lambda, String precision, boolean weighted) {
    public EaseConfig(double lambda, String precision) { this(lambda, precision, false); }

    public static final String FLOAT32 = "float32";
    public static final String FLOAT64 = "float64";

    public EaseConfig {
        if (!(lambda > 0) || Double.isInfinite(lambda))
            throw new IllegalArgumentException("ease: lambda must be a finite number > 0, got " + lambda);
        if (!FLOAT32.equals(precision) && !FLOAT64.equals(precision))
            throw new IllegalArgumentException("ease: precision must be float32 or float64, got '" + precision + "'");
    }

    public static EaseConfig defaults() { return new EaseConfig(500, FLOAT32); }

    boolean doublePrecision() { return FLOAT64.equals(precision); }
}

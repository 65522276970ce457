package io.genrec.models.baseline;

/**
 * Implicit ALS hyperparameters.
 *
 * <p>Where the defaults come from: validation-set searches (never the test set) on three data sets, see
 * docs/results/als-defaults.md. regularization=100, alpha=3 was best on the ML-1M DiffRec split (validation NDCG@20
 * 0.0983) but collapsed towards popularity on the sparser MovieLens latest-small and 100K (0.0856 and 0.1027);
 * regularization=30, alpha=3 is within 0.007 of the best on ML-1M (0.0916) and best or near-best on the other two
 * (0.1611, 0.2211). Hu et al. report alpha=40 for raw watching counts; on binary data that over-weights the
 * positives. λ is not scaled by counts, so it interacts with data density: tune it per data set with a grid
 * ({@code --param als.regularization=10,30,100}), which the experiment runner scores on the validation set.
 *
 * @param factors        latent dimensions (default 64)
 * @param regularization L2 weight λ on every user and item factor, not scaled by counts (default 30)
 * @param alpha          confidence slope: an observed interaction has confidence {@code 1 + alpha} (default 3)
 * @param iterations     ALS sweeps, each solving all users then all items (default 15)
 * @param cgSteps        conjugate-gradient steps per row per sweep, warm-started (default 3, the {@code implicit}
 *                       library's default; Takács et al. 2011 show that a few warm-started steps suffice)
 * @param initStd        standard deviation of the seeded Gaussian initialisation (default 0.01)
 * @param weighting      confidence of an observed (user, item) with summed value w (Hu et al. 2008): {@code binary}
 *                       {@code 1 + alpha}, values ignored (default: the published defaults were tuned on binarised
 *                       data, and on it every choice is the same); {@code linear} {@code 1 + alpha w};
 *                       {@code log} {@code 1 + alpha ln(1 + w)} (for play counts). Values must be >= 0
 */
public record AlsConfig(int factors, double regularization, double alpha, int iterations, int cgSteps, double initStd,
                        String weighting) {
    /** The weightings {@link #weighting()} accepts. */
    public static final java.util.List<String> WEIGHTINGS = java.util.List.of("binary", "linear", "log");

    public AlsConfig(int factors, double regularization, double alpha, int iterations, int cgSteps, double initStd) {
        this(factors, regularization, alpha, iterations, cgSteps, initStd, "binary");
    }

    public AlsConfig {
        if (weighting == null || !WEIGHTINGS.contains(weighting))
            throw new IllegalArgumentException("als: weighting must be one of " + WEIGHTINGS + ", got '" + weighting + "'");
        if (factors < 1) throw new IllegalArgumentException("als: factors must be >= 1, got " + factors);
        if (!(regularization >= 0) || Double.isInfinite(regularization))
            throw new IllegalArgumentException("als: regularization must be a finite number >= 0, got " + regularization);
        if (!(alpha >= 0) || Double.isInfinite(alpha))
            throw new IllegalArgumentException("als: alpha must be a finite number >= 0, got " + alpha);
        if (iterations < 0) throw new IllegalArgumentException("als: iterations must be >= 0, got " + iterations);
        if (cgSteps < 1) throw new IllegalArgumentException("als: cgSteps must be >= 1, got " + cgSteps);
        if (!(initStd > 0) || Double.isInfinite(initStd))
            throw new IllegalArgumentException("als: initStd must be a finite number > 0, got " + initStd);
    }

    public static AlsConfig defaults() { return new AlsConfig(64, 30, 3, 15, 3, 0.01); }
}

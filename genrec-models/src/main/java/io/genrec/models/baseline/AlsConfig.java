package io.genrec.models.baseline;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

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
public record AlsConfig(@Param(min = 1, doc = "latent dimensions") int factors,
                        @Param(min = 0, doc = "L2 weight on every factor, not scaled by counts") double regularization,
                        @Param(min = 0, doc = "confidence slope: an interaction has confidence 1 + alpha") double alpha,
                        @Param(min = 0, doc = "ALS sweeps") int iterations,
                        @Param(min = 1, aliases = "cgSteps", doc = "conjugate-gradient steps per row per sweep") int cgSteps,
                        @Param(min = 0, minExclusive = true, aliases = "initStd", doc = "std of the seeded Gaussian initialisation") double initStd,
                        @Param(choices = {"binary", "linear", "log"}, doc = "confidence from interaction values: 1+alpha, 1+alpha*w, 1+alpha*ln(1+w)") String weighting) {
    /** The weightings {@link #weighting()} accepts. */
    public static final java.util.List<String> WEIGHTINGS = java.util.List.of("binary", "linear", "log");

    public AlsConfig(int factors, double regularization, double alpha, int iterations, int cgSteps, double initStd) {
        this(factors, regularization, alpha, iterations, cgSteps, initStd, "binary");
    }

    public AlsConfig { ConfigBinder.check(AlsConfig.class, factors, regularization, alpha, iterations, cgSteps, initStd, weighting); }

    public static AlsConfig defaults() { return new AlsConfig(64, 30, 3, 15, 3, 0.01); }
}

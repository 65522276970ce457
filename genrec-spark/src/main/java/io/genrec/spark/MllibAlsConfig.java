package io.genrec.spark;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

/**
 * Hyperparameters of {@code als-mllib}, Spark MLlib's implicit ALS (Hu et al. 2008 confidence weighting; MLlib scales
 * the regularisation by each row's count, ALS-WR). Defaults: MLlib's own (rank 10 raised to 64 as GenRec's {@code als},
 * regParam 0.1, maxIter 10) with alpha 3 as in GenRec's {@code als}.
 */
public record MllibAlsConfig(@Param(min = 1, doc = "latent dimensions (MLlib rank)") int factors,
                             @Param(min = 0, doc = "MLlib regParam (scaled by each user's and item's count)") double regularization,
                             @Param(min = 0, doc = "implicit confidence slope") double alpha,
                             @Param(min = 1, doc = "ALS sweeps (MLlib maxIter)") int iterations,
                             @Param(min = 0, doc = "user and item blocks (0 = Spark's default parallelism)") int blocks) {
    public MllibAlsConfig { ConfigBinder.check(MllibAlsConfig.class, factors, regularization, alpha, iterations, blocks); }

    public static MllibAlsConfig defaults() { return new MllibAlsConfig(64, 0.1, 3, 10, 0); }
}

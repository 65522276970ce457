package io.genrec.models.baseline;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

/**
 * Biased matrix factorisation hyperparameters. The defaults are those of Surprise's {@code SVD} (Hug 2020), whose
 * published ML-100K RMSE is the usual reference for this model, so a run here can be compared with it.
 *
 * @param factors        latent dimensions; 0 fits the biases alone (global mean + user bias + item bias) (default 100)
 * @param epochs         SGD passes over the training ratings (default 20)
 * @param learningRate   SGD step size for biases and factors (default 0.005)
 * @param regularization L2 weight on biases and factors, applied per update (default 0.02)
 * @param initStd        standard deviation of the seeded Gaussian factor initialisation (default 0.1)
 */
public record BiasedMfConfig(@Param(min = 0, doc = "latent dimensions; 0 fits the biases alone") int factors,
                             @Param(min = 1, doc = "SGD passes over the training ratings") int epochs,
                             @Param(min = 0, minExclusive = true, doc = "SGD step size") double learningRate,
                             @Param(min = 0, doc = "L2 weight on biases and factors, per update") double regularization,
                             @Param(min = 0, doc = "std of the seeded Gaussian factor initialisation") double initStd) {
    public BiasedMfConfig { ConfigBinder.check(BiasedMfConfig.class, factors, epochs, learningRate, regularization, initStd); }

    public static BiasedMfConfig defaults() { return new BiasedMfConfig(100, 20, 0.005, 0.02, 0.1); }
}

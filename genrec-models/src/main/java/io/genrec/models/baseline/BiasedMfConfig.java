package io.genrec.models.baseline;

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
public record BiasedMfConfig(int factors, int epochs, double learningRate, double regularization, double initStd) {
    public BiasedMfConfig {
        if (factors < 0) throw new IllegalArgumentException("biasedmf: factors must be >= 0, got " + factors);
        if (epochs < 1) throw new IllegalArgumentException("biasedmf: epochs must be >= 1, got " + epochs);
        if (!(learningRate > 0) || Double.isInfinite(learningRate))
            throw new IllegalArgumentException("biasedmf: learning_rate must be a finite number > 0, got " + learningRate);
        if (!(regularization >= 0) || Double.isInfinite(regularization))
            throw new IllegalArgumentException("biasedmf: regularization must be a finite number >= 0, got " + regularization);
        if (!(initStd >= 0) || Double.isInfinite(initStd))
            throw new IllegalArgumentException("biasedmf: init_std must be a finite number >= 0, got " + initStd);
    }

    public static BiasedMfConfig defaults() { return new BiasedMfConfig(100, 20, 0.005, 0.02, 0.1); }
}

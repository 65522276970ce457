package io.genrec.models.vae;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;


/**
 * Hyperparameters of RecVAE (Shenbin, Alekseev, Tutubalina, Malykh &amp; Nikolenko, "RecVAE: a New Variational
 * Autoencoder for Top-N Recommendations with Implicit Feedback", WSDM 2020). Defaults are those of the authors'
 * code (github.com/ilya-shenbin/RecVAE, {@code run.py}/{@code model.py}; gamma 0.005 and 50 epochs are the defaults
 * of its earlier {@code run.py}, kept in public derivatives, the current one leaves them unset): five
 * densely connected encoder layers of 600 units with swish and layer normalisation (eps 0.1), latent 200, a linear
 * decoder, input dropout 0.5 on the L2-normalised input during the encoder passes only, KL weight
 * {@code gamma * |user's items|} with gamma 0.005, Adam lr 5e-4, batch 500, 50 epochs of 3 encoder passes then
 * 1 decoder pass, no weight decay, the weights of the best validation NDCG@100 kept. The composite prior's mixture
 * weights (3/20 standard normal, 3/4 previous-epoch posterior, 1/10 wide normal with log-variance 10) are fixed.
 * Patience 0 (no early stop) as the authors train all epochs; set {@code patience} to stop earlier.
 *
 * @param hiddenDim     width of every encoder layer
 * @param hiddenLayers  number of densely connected encoder layers (authors: 5)
 * @param latentDim     latent width
 * @param gamma         KL weight per interaction of the user (the paper's beta' = gamma |X_u|)
 * @param dropout       input dropout of the encoder passes
 * @param encoderPasses passes over the users per epoch that update the encoder (authors' {@code n_enc_epochs})
 * @param decoderPasses passes per epoch that update the decoder, on the un-dropped input ({@code n_dec_epochs})
 */
public record RecVaeConfig(@Param(min = 1) int hiddenDim,
                           @Param(min = 1) int hiddenLayers,
                           @Param(min = 1) int latentDim,
                           @Param(min = 0) double gamma,
                           @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                           @Param(min = 1) int encoderPasses,
                           @Param(min = 1) int decoderPasses,
                           TrainingConfig training) {
    public RecVaeConfig {
        ConfigBinder.check(RecVaeConfig.class, hiddenDim, hiddenLayers, latentDim, gamma, dropout, encoderPasses, decoderPasses, training);
    }

    public static RecVaeConfig defaults() {
        return new RecVaeConfig(600, 5, 200, 0.005, 0.5, 3, 1, new TrainingConfig(50, 500, 5e-4, 0.0, 0, 1, 100, 0));
    }
}

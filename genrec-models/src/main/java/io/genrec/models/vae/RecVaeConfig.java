package io.genrec.models.vae;

import io.genrec.config.Params;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.Map;

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
public record RecVaeConfig(int hiddenDim, int hiddenLayers, int latentDim, double gamma, double dropout,
                           int encoderPasses, int decoderPasses, TrainingConfig training) {
    public RecVaeConfig {
        if (hiddenDim < 1) throw new IllegalArgumentException("hidden_dim must be >= 1, got " + hiddenDim);
        if (hiddenLayers < 1) throw new IllegalArgumentException("hidden_layers must be >= 1, got " + hiddenLayers);
        if (latentDim < 1) throw new IllegalArgumentException("latent_dim must be >= 1, got " + latentDim);
        if (!(gamma >= 0)) throw new IllegalArgumentException("gamma must be >= 0, got " + gamma);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0,1), got " + dropout);
        if (encoderPasses < 1) throw new IllegalArgumentException("encoder_passes must be >= 1, got " + encoderPasses);
        if (decoderPasses < 1) throw new IllegalArgumentException("decoder_passes must be >= 1, got " + decoderPasses);
    }

    public static RecVaeConfig defaults() {
        return new RecVaeConfig(600, 5, 200, 0.005, 0.5, 3, 1, new TrainingConfig(50, 500, 5e-4, 0.0, 0, 1, 100, 0));
    }

    /** Keys {@code hidden_dim, hidden_layers, latent_dim, gamma, dropout, encoder_passes, decoder_passes} plus the loop's. */
    public static RecVaeConfig from(Params p) {
        RecVaeConfig d = defaults();
        return new RecVaeConfig(p.getInt("hidden_dim", d.hiddenDim), p.getInt("hidden_layers", d.hiddenLayers),
                p.getInt("latent_dim", d.latentDim), p.getDouble("gamma", d.gamma), p.getDouble("dropout", d.dropout),
                p.getInt("encoder_passes", d.encoderPasses), p.getInt("decoder_passes", d.decoderPasses),
                TrainingConfig.from(p, d.training));
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden_dim", Integer.toString(hiddenDim));
        m.put("hidden_layers", Integer.toString(hiddenLayers));
        m.put("latent_dim", Integer.toString(latentDim));
        m.put("gamma", Double.toString(gamma));
        m.put("dropout", Double.toString(dropout));
        m.put("encoder_passes", Integer.toString(encoderPasses));
        m.put("decoder_passes", Integer.toString(decoderPasses));
        m.putAll(NeuralArchive.toParams(training));
        return m;
    }
}

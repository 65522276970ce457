package io.genrec.models.autorec;

import io.genrec.config.Params;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyperparameters of I-AutoRec (Sedhain et al., "AutoRec: Autoencoders Meet Collaborative Filtering", WWW 2015).
 * Defaults: 500 sigmoid hidden units, identity output, loss on observed ratings only (unobserved weight 0, as the
 * paper), L2 weight decay 1e-3. Deviations: Adam (lr 1e-3, batch 256 items, 100 epochs) instead of the paper's
 * resilient propagation / L-BFGS, and the L2 penalty is applied as gradient weight decay on a per-item mean loss.
 * For implicit (all-ones) data set {@code unobserved_weight} > 0, otherwise the constant predictor is optimal.
 *
 * @param hidden           hidden units
 * @param unobservedWeight weight of the squared error on unobserved entries (target 0)
 */
public record AutoRecConfig(int hidden, double unobservedWeight, TrainingConfig training) {
    public AutoRecConfig {
        if (hidden < 1) throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        if (!(unobservedWeight >= 0)) throw new IllegalArgumentException("unobserved_weight must be >= 0, got " + unobservedWeight);
    }

    public static AutoRecConfig defaults() {
        return new AutoRecConfig(500, 0.0, new TrainingConfig(100, 256, 1e-3, 1e-3, 10, 1, 20, 0));
    }

    public static AutoRecConfig from(Params p, AutoRecConfig d) {
        return new AutoRecConfig(p.getInt("hidden", d.hidden), p.getDouble("unobserved_weight", d.unobservedWeight),
                TrainingConfig.from(p, d.training));
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Integer.toString(hidden));
        m.put("unobserved_weight", Double.toString(unobservedWeight));
        m.putAll(NeuralArchive.toParams(training));
        return m;
    }
}

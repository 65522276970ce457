package io.genrec.models.autorec;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;


/**
 * Hyperparameters of I-AutoRec (Sedhain et al., "AutoRec: Autoencoders Meet Collaborative Filtering", WWW 2015).
 * Defaults: 500 sigmoid hidden units, identity output, L2 weight decay 1e-3, and a squared error of weight 0.1 on
 * the unobserved entries (target 0). Deviations: the paper's loss is on observed ratings only ({@code
 * unobserved_weight=0}), which on binarised data (all observed values 1, GenRec's default preprocessing) makes the
 * constant predictor optimal and the ranking arbitrary; 0.1 learns there (AutoRecTest: a planted pattern is recovered
 * far above popularity) and is a small pull towards 0 on explicit ratings; set 0 for the paper's loss. Adam (lr 1e-3,
 * batch 256 items, 100 epochs) instead of the paper's resilient propagation / L-BFGS, and the L2 penalty is applied
 * as gradient weight decay on a per-item mean loss.
 *
 * @param hidden           hidden units
 * @param unobservedWeight weight of the squared error on unobserved entries (target 0)
 */
public record AutoRecConfig(@Param(min = 1) int hidden,
                            @Param(min = 0) double unobservedWeight,
                            TrainingConfig training) {
    public AutoRecConfig {
        ConfigBinder.check(AutoRecConfig.class, hidden, unobservedWeight, training);
    }

    public static AutoRecConfig defaults() {
        return new AutoRecConfig(500, 0.1, new TrainingConfig(100, 256, 1e-3, 1e-3, 10, 1, 20, 0));
    }
}

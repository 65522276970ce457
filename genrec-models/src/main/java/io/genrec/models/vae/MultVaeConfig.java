package io.genrec.models.vae;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

import java.util.List;

/**
 * Hyperparameters of Mult-VAE and Mult-DAE (Liang et al., "Variational Autoencoders for Collaborative Filtering",
 * WWW 2018). Defaults are the paper's: encoder [I-600-200] and mirrored decoder, tanh, input dropout 0.5 on the
 * L2-normalised input, Adam lr 1e-3, batch 500, 200 epochs, KL weight annealed linearly to beta = 0.2 over 200,000
 * updates (VAE only), L2 0.01/batch on the DAE's weights (lam 0.01/500 of the authors' code, i.e. weight decay 4e-5
 * in PyTorch terms; here it also applies to biases). Model selection: validation NDCG@100 as in the paper, with
 * patience 20 (GenRec addition; the paper trains a fixed 200 epochs and keeps the best).
 */
public record MultVaeConfig(@Param(min = 1, doc = "encoder hidden widths between input and latent (decoder mirrors them)") List<Integer> hiddenDims,
                            @Param(min = 1, doc = "latent (bottleneck) width") int latentDim,
                            @Param(min = 0, max = 1, maxExclusive = true, doc = "input dropout probability") double dropout,
                            @Param(min = 0, doc = "final KL weight beta (VAE only)") double annealCap,
                            @Param(min = 1, doc = "updates over which beta grows linearly from 0 to the cap (VAE only)") int totalAnnealSteps,
                            TrainingConfig training) {
    public MultVaeConfig {
        hiddenDims = List.copyOf(hiddenDims);
        ConfigBinder.check(MultVaeConfig.class, hiddenDims, latentDim, dropout, annealCap, totalAnnealSteps, training);
    }

    public static MultVaeConfig vaeDefaults() {
        return new MultVaeConfig(List.of(600), 200, 0.5, 0.2, 200_000, new TrainingConfig(200, 500, 1e-3, 0.0, 20, 1, 100, 0));
    }

    public static MultVaeConfig daeDefaults() {
        return new MultVaeConfig(List.of(600), 200, 0.5, 0.2, 200_000, new TrainingConfig(200, 500, 1e-3, 4e-5, 20, 1, 100, 0));
    }
}

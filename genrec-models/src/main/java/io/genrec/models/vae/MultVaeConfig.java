package io.genrec.models.vae;

import io.genrec.config.Params;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters of Mult-VAE and Mult-DAE (Liang et al., "Variational Autoencoders for Collaborative Filtering",
 * WWW 2018). Defaults are the paper's: encoder [I-600-200] and mirrored decoder, tanh, input dropout 0.5 on the
 * L2-normalised input, Adam lr 1e-3, batch 500, 200 epochs, KL weight annealed linearly to beta = 0.2 over 200,000
 * updates (VAE only), L2 0.01/batch on the DAE's weights (lam 0.01/500 of the authors' code, i.e. weight decay 4e-5
 * in PyTorch terms; here it also applies to biases). Model selection: validation NDCG@100 as in the paper, with
 * patience 20 (GenRec addition; the paper trains a fixed 200 epochs and keeps the best).
 *
 * @param hiddenDims       encoder hidden widths between input and latent (decoder mirrors them)
 * @param latentDim        latent (bottleneck) width
 * @param dropout          input dropout probability
 * @param annealCap        final KL weight beta (VAE only)
 * @param totalAnnealSteps updates over which beta grows linearly from 0 to the cap (VAE only)
 */
public record MultVaeConfig(List<Integer> hiddenDims, int latentDim, double dropout, double annealCap,
                            int totalAnnealSteps, TrainingConfig training) {
    public MultVaeConfig {
        hiddenDims = List.copyOf(hiddenDims);
        for (int d : hiddenDims) if (d < 1) throw new IllegalArgumentException("hidden_dims entries must be >= 1, got " + hiddenDims);
        if (latentDim < 1) throw new IllegalArgumentException("latent_dim must be >= 1, got " + latentDim);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0,1), got " + dropout);
        if (!(annealCap >= 0)) throw new IllegalArgumentException("anneal_cap must be >= 0, got " + annealCap);
        if (totalAnnealSteps < 1) throw new IllegalArgumentException("total_anneal_steps must be >= 1, got " + totalAnnealSteps);
    }

    public static MultVaeConfig vaeDefaults() {
        return new MultVaeConfig(List.of(600), 200, 0.5, 0.2, 200_000, new TrainingConfig(200, 500, 1e-3, 0.0, 20, 1, 100, 0));
    }

    public static MultVaeConfig daeDefaults() {
        return new MultVaeConfig(List.of(600), 200, 0.5, 0.2, 200_000, new TrainingConfig(200, 500, 1e-3, 4e-5, 20, 1, 100, 0));
    }

    /** Keys {@code hidden_dims, latent_dim, dropout, anneal_cap, total_anneal_steps} plus the loop's keys. */
    public static MultVaeConfig from(Params p, MultVaeConfig def) {
        return new MultVaeConfig(NeuralArchive.intList(p, "hidden_dims", def.hiddenDims), p.getInt("latent_dim", def.latentDim),
                p.getDouble("dropout", def.dropout), p.getDouble("anneal_cap", def.annealCap),
                p.getInt("total_anneal_steps", def.totalAnnealSteps), TrainingConfig.from(p, def.training));
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden_dims", NeuralArchive.join(hiddenDims));
        m.put("latent_dim", Integer.toString(latentDim));
        m.put("dropout", Double.toString(dropout));
        m.put("anneal_cap", Double.toString(annealCap));
        m.put("total_anneal_steps", Integer.toString(totalAnnealSteps));
        m.putAll(NeuralArchive.toParams(training));
        return m;
    }
}

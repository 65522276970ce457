package io.genrec.models.diffusion;

import io.genrec.config.Params;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters of L-DiffRec (Wang et al., SIGIR 2023, Sec. 4.1). Defaults follow the authors' ML-1M (clean)
 * command: 2 item clusters, latent size 300 (in_dims [300], one-layer encoder per cluster, one-layer decoder),
 * lamda 0.03 annealed per epoch towards 0.005 over 500 epochs, KL weight annealed to 0.3 over 200 updates, encoder
 * input dropout 0.1, MLP denoiser [300] with time embedding 10 and dropout 0.5, 100 steps, linear-var noise 0.005 /
 * 0.005 / 0.02, sampling_steps 0, reweighting and importance sampling on, batch 400, early stop 20 epochs after the
 * best (validation every 5). Deviations: one Adam learning rate 1e-3 for encoder and denoiser (authors: 1e-3 and
 * 5e-4), and items are clustered by cosine k-means on their interaction columns (authors: k-means on pre-trained
 * LightGCN item embeddings, which GenRec does not have). As in the authors' L-DiffRec code (and unlike their
 * DiffRec code), the first beta is not fixed to 1e-5. Inference and {@code reverse_steps} (a GenRec extension;
 * 0 = all steps, the authors' setting) as in {@link DiffRecConfig}.
 */
public record LDiffRecConfig(int clusters, int latentDim, double lamda, double lamdaFloor, int lamdaAnnealEpochs,
                             double klCap, int klAnnealSteps, double encoderDropout, List<Integer> mlpDims, int embSize,
                             int steps, double noiseScale, double noiseMin, double noiseMax, int samplingSteps,
                             int reverseSteps, boolean reweight, boolean importanceSampling, double mlpDropout, TrainingConfig training) {
    public LDiffRecConfig {
        mlpDims = List.copyOf(mlpDims);
        if (clusters < 1) throw new IllegalArgumentException("clusters must be >= 1, got " + clusters);
        if (latentDim < clusters) throw new IllegalArgumentException("latent_dim must be >= clusters (" + clusters + "), got " + latentDim);
        if (!(lamda >= 0) || !(lamdaFloor >= 0)) throw new IllegalArgumentException("lamda and lamda_floor must be >= 0, got " + lamda + ", " + lamdaFloor);
        if (lamdaAnnealEpochs < 0) throw new IllegalArgumentException("lamda_anneal_epochs must be >= 0, got " + lamdaAnnealEpochs);
        if (!(klCap >= 0)) throw new IllegalArgumentException("kl_cap must be >= 0, got " + klCap);
        if (klAnnealSteps < 0) throw new IllegalArgumentException("kl_anneal_steps must be >= 0, got " + klAnnealSteps);
        if (!(encoderDropout >= 0 && encoderDropout < 1)) throw new IllegalArgumentException("encoder_dropout must be in [0,1), got " + encoderDropout);
        if (!(mlpDropout >= 0 && mlpDropout < 1)) throw new IllegalArgumentException("mlp_dropout must be in [0,1), got " + mlpDropout);
        // the diffusion part is validated by the same rules as DiffRec's
        new DiffRecConfig(mlpDims, embSize, steps, "linear-var", noiseScale, noiseMin, noiseMax, samplingSteps, reverseSteps,
                reweight, importanceSampling, mlpDropout, training);
    }

    public static LDiffRecConfig defaults() {
        return new LDiffRecConfig(2, 300, 0.03, 0.005, 500, 0.3, 200, 0.1, List.of(300), 10, 100, 0.005, 0.005, 0.02, 0, 0,
                true, true, 0.5, new TrainingConfig(1000, 400, 1e-3, 0.0, 4, 5, 20, 0));
    }

    public static LDiffRecConfig from(Params p, LDiffRecConfig d) {
        return new LDiffRecConfig(p.getInt("clusters", d.clusters), p.getInt("latent_dim", d.latentDim),
                p.getDouble("lamda", d.lamda), p.getDouble("lamda_floor", d.lamdaFloor),
                p.getInt("lamda_anneal_epochs", d.lamdaAnnealEpochs), p.getDouble("kl_cap", d.klCap),
                p.getInt("kl_anneal_steps", d.klAnnealSteps), p.getDouble("encoder_dropout", d.encoderDropout),
                NeuralArchive.intList(p, "mlp_dims", d.mlpDims), p.getInt("emb_size", d.embSize), p.getInt("steps", d.steps),
                p.getDouble("noise_scale", d.noiseScale), p.getDouble("noise_min", d.noiseMin),
                p.getDouble("noise_max", d.noiseMax), p.getInt("sampling_steps", d.samplingSteps), p.getInt("reverse_steps", d.reverseSteps),
                p.getBoolean("reweight", d.reweight), p.getBoolean("importance_sampling", d.importanceSampling),
                p.getDouble("mlp_dropout", d.mlpDropout), TrainingConfig.from(p, d.training));
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clusters", Integer.toString(clusters));
        m.put("latent_dim", Integer.toString(latentDim));
        m.put("lamda", Double.toString(lamda));
        m.put("lamda_floor", Double.toString(lamdaFloor));
        m.put("lamda_anneal_epochs", Integer.toString(lamdaAnnealEpochs));
        m.put("kl_cap", Double.toString(klCap));
        m.put("kl_anneal_steps", Integer.toString(klAnnealSteps));
        m.put("encoder_dropout", Double.toString(encoderDropout));
        m.put("mlp_dims", NeuralArchive.join(mlpDims));
        m.put("emb_size", Integer.toString(embSize));
        m.put("steps", Integer.toString(steps));
        m.put("noise_scale", Double.toString(noiseScale));
        m.put("noise_min", Double.toString(noiseMin));
        m.put("noise_max", Double.toString(noiseMax));
        m.put("sampling_steps", Integer.toString(samplingSteps));
        m.put("reverse_steps", Integer.toString(reverseSteps));
        m.put("reweight", Boolean.toString(reweight));
        m.put("importance_sampling", Boolean.toString(importanceSampling));
        m.put("mlp_dropout", Double.toString(mlpDropout));
        m.putAll(NeuralArchive.toParams(training));
        return m;
    }

    GaussianDiffusion diffusion() { return new GaussianDiffusion("linear-var", noiseScale, noiseMin, noiseMax, steps, false); }

    /** The number of reverse steps run at inference: {@code reverse_steps}, or all {@code steps} when it is 0. */
    int effectiveReverseSteps() { return reverseSteps == 0 ? steps : reverseSteps; }

    /** Latent width of each cluster: proportional to its item count (at least 1), the last takes the rest. */
    int[] latentSplit(int[] clusterSizes, int numItems) {
        int[] d = new int[clusters];
        int used = 0;
        for (int c = 0; c < clusters - 1; c++) {
            d[c] = Math.max(1, (int) ((long) clusterSizes[c] * latentDim / numItems));
            used += d[c];
        }
        d[clusters - 1] = latentDim - used;
        if (d[clusters - 1] < 1) throw new IllegalArgumentException("latent_dim " + latentDim + " too small for " + clusters + " clusters");
        return d;
    }
}

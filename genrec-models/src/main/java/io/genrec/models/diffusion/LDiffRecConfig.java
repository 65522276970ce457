package io.genrec.models.diffusion;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

import java.util.List;

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
public record LDiffRecConfig(@Param(min = 1) int clusters,
                             @Param(min = 1) int latentDim,
                             @Param(min = 0) double lamda,
                             @Param(min = 0) double lamdaFloor,
                             @Param(min = 0) int lamdaAnnealEpochs,
                             @Param(min = 0) double klCap,
                             @Param(min = 0) int klAnnealSteps,
                             @Param(min = 0, max = 1, maxExclusive = true) double encoderDropout,
                             @Param(min = 1) List<Integer> mlpDims,
                             DiffusionConfig diffusion,
                             @Param(min = 0, max = 1, maxExclusive = true) double mlpDropout,
                             TrainingConfig training) {
    public LDiffRecConfig {
        mlpDims = List.copyOf(mlpDims);
        ConfigBinder.check(LDiffRecConfig.class, clusters, latentDim, lamda, lamdaFloor, lamdaAnnealEpochs, klCap, klAnnealSteps,
                encoderDropout, mlpDims, diffusion, mlpDropout, training);
        if (latentDim < clusters) throw new IllegalArgumentException("latent_dim must be >= clusters (" + clusters + "), got " + latentDim);
        if (!(lamda >= 0) || !(lamdaFloor >= 0)) throw new IllegalArgumentException("lamda and lamda_floor must be >= 0, got " + lamda + ", " + lamdaFloor);
        if (mlpDims.isEmpty()) throw new IllegalArgumentException("mlp_dims must not be empty");
    }

    public static LDiffRecConfig defaults() {
        return new LDiffRecConfig(2, 300, 0.03, 0.005, 500, 0.3, 200, 0.1, List.of(300),
                new DiffusionConfig(10, 100, 0.005, 0.005, 0.02, 0, 0, true, true), 0.5, new TrainingConfig(1000, 400, 1e-3, 0.0, 4, 5, 20, 0));
    }

    GaussianDiffusion gaussian() {
        return new GaussianDiffusion("linear-var", diffusion.noiseScale(), diffusion.noiseMin(), diffusion.noiseMax(), diffusion.steps(), false);
    }

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

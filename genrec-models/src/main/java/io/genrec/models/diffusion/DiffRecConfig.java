package io.genrec.models.diffusion;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

import java.util.List;

/**
 * Hyperparameters of DiffRec (Wang et al., "Diffusion Recommender Model", SIGIR 2023). Defaults are the authors'
 * released ML-1M (clean) setting from their code's inference script: MLP denoiser dims [200,600] (input→600→200→600→
 * output), time embedding 10, x0 prediction, 40 steps, linear-var schedule with noise_scale 0.005, noise_min 0.005,
 * noise_max 0.01, sampling_steps 0, no sampling noise, SNR reweighting on, importance-sampled timesteps, input dropout
 * 0.5, Adam lr 1e-3, no weight decay, batch 400, up to 1000 epochs, validation every 5 epochs, stop after 20 epochs
 * (4 validations) without improvement. Deviation: model selection by validation NDCG@20 (the authors use Recall@20).
 *
 * <p>Inference is the authors' {@code p_sample} (their code, checked in {@code DiffRec/models/gaussian_diffusion.py}):
 * with sampling_steps = 0 the reverse process starts from the history itself (no noise is added), otherwise from
 * q(x_t | history) at t = sampling_steps-1; the reverse loop then always runs all T steps t = T-1..0 (independent of
 * sampling_steps), taking the posterior mean without sampling noise; with noise_scale = 0 each step is the denoiser's
 * output. {@code reverse_steps} is a GenRec extension (not in the authors' code): R &lt; T runs only t = R-1..0, i.e.
 * treats the start as x_R; the default 0 means R = T, the authors' process (on ML-1M fewer steps cost a little
 * accuracy: docs/results/diffrec-scoring-speed.md). Where the authors' code fails
 * (noise_scale = 0 with sampling_steps &gt; 0: no schedule to noise with), GenRec starts from the history.
 *
 * @param dims          denoiser hidden widths of the decoder half, as the authors' {@code --dims}
 * @param noiseSchedule {@code linear-var} (the paper's) or {@code linear}
 * @param diffusion     the diffusion keys shared with L-DiffRec
 * @param dropout       input dropout of the denoiser
 */
public record DiffRecConfig(@Param(min = 1) List<Integer> dims,
                            @Param(choices = {"linear-var", "linear"}) String noiseSchedule,
                            DiffusionConfig diffusion,
                            @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                            TrainingConfig training) {
    public DiffRecConfig {
        dims = List.copyOf(dims);
        ConfigBinder.check(DiffRecConfig.class, dims, noiseSchedule, diffusion, dropout, training);
        if (dims.isEmpty()) throw new IllegalArgumentException("dims must not be empty");
    }

    public static DiffRecConfig defaults() {
        return new DiffRecConfig(List.of(200, 600), "linear-var", new DiffusionConfig(10, 40, 0.005, 0.005, 0.01, 0, 0, true, true), 0.5,
                new TrainingConfig(1000, 400, 1e-3, 0.0, 4, 5, 20, 0));
    }

    /** This config with {@code reverse_steps} replaced (inference only: the trained weights do not depend on it). */
    public DiffRecConfig withReverseSteps(int reverse) {
        return new DiffRecConfig(dims, noiseSchedule, diffusion.withReverseSteps(reverse), dropout, training);
    }
}

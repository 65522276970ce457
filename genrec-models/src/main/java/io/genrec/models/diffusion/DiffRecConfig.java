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
 * @param dims             denoiser hidden widths of the decoder half, as the authors' {@code --dims}
 * @param embSize          timestep embedding width
 * @param steps            diffusion steps T
 * @param noiseSchedule    {@code linear-var} (the paper's) or {@code linear}
 * @param samplingSteps    forward noising steps applied to the input at inference (0 = start from the history)
 * @param reverseSteps     reverse steps at inference, in [0, steps]; 0 = all {@code steps} (the authors' setting)
 * @param reweight         weight the x0 loss by SNR(t-1)-SNR(t) (the paper's reweighting)
 * @param importanceSampling sample timesteps by loss history (else uniformly)
 * @param dropout          input dropout of the denoiser
 */
public record DiffRecConfig(@Param(min = 1) List<Integer> dims,
                            @Param(min = 1) int embSize,
                            @Param(min = 1) int steps,
                            @Param(choices = {"linear-var", "linear"}) String noiseSchedule,
                            @Param(min = 0) double noiseScale,
                            @Param(min = 0, minExclusive = true) double noiseMin,
                            @Param double noiseMax,
                            @Param(min = 0) int samplingSteps,
                            @Param(min = 0) int reverseSteps,
                            @Param boolean reweight,
                            @Param boolean importanceSampling,
                            @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                            TrainingConfig training) {
    public DiffRecConfig {
        dims = List.copyOf(dims);
        ConfigBinder.check(DiffRecConfig.class, dims, embSize, steps, noiseSchedule, noiseScale, noiseMin, noiseMax, samplingSteps,
                reverseSteps, reweight, importanceSampling, dropout, training);
        if (dims.isEmpty()) throw new IllegalArgumentException("dims must not be empty");
        if (!(noiseMin > 0 && noiseMin < noiseMax)) throw new IllegalArgumentException("noise_min must be > 0 and < noise_max (" + noiseMax + "), got " + noiseMin);
        if (noiseScale * noiseMax >= 1) throw new IllegalArgumentException("noise_scale * noise_max must be < 1, got " + noiseScale * noiseMax);
        if (reverseSteps < 0 || reverseSteps > steps) throw new IllegalArgumentException("reverse_steps must be in [0, steps=" + steps + "] (0 = all steps), got " + reverseSteps);
        int reverse = reverseSteps == 0 ? steps : reverseSteps;
        if (samplingSteps < 0 || samplingSteps > reverse) throw new IllegalArgumentException("sampling_steps must be in [0, " + reverse + "] (the reverse steps), got " + samplingSteps);
    }

    public static DiffRecConfig defaults() {
        return new DiffRecConfig(List.of(200, 600), 10, 40, "linear-var", 0.005, 0.005, 0.01, 0, 0, true, true, 0.5,
                new TrainingConfig(1000, 400, 1e-3, 0.0, 4, 5, 20, 0));
    }

    /** This config with {@code reverse_steps} replaced (inference only: the trained weights do not depend on it). */
    public DiffRecConfig withReverseSteps(int reverse) {
        return new DiffRecConfig(dims, embSize, steps, noiseSchedule, noiseScale, noiseMin, noiseMax, samplingSteps, reverse,
                reweight, importanceSampling, dropout, training);
    }

    /** The number of reverse steps run at inference: {@code reverse_steps}, or all {@code steps} when it is 0. */
    public int effectiveReverseSteps() { return reverseSteps == 0 ? steps : reverseSteps; }
}

package io.genrec.models.diffusion;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

/**
 * The diffusion keys DiffRec and L-DiffRec share (Wang et al., SIGIR 2023), one nested block of both configs so
 * they are declared and checked once; the keys stay flat ({@code steps=40}, not {@code diffusion.steps=40}).
 *
 * @param embSize            timestep embedding width
 * @param steps              diffusion steps T
 * @param noiseScale         scale of the linear-var schedule
 * @param noiseMin           first noise level (> 0)
 * @param noiseMax           last noise level (> noise_min)
 * @param samplingSteps      forward noising steps applied to the input at inference (0 = start from the history)
 * @param reverseSteps       reverse steps at inference, in [0, steps]; 0 = all {@code steps} (the authors' setting)
 * @param reweight           weight the x0 loss by SNR(t-1)-SNR(t) (the paper's reweighting)
 * @param importanceSampling sample timesteps by loss history (else uniformly)
 */
public record DiffusionConfig(@Param(min = 1) int embSize,
                              @Param(min = 1) int steps,
                              @Param(min = 0) double noiseScale,
                              @Param(min = 0, minExclusive = true) double noiseMin,
                              @Param double noiseMax,
                              @Param(min = 0) int samplingSteps,
                              @Param(min = 0) int reverseSteps,
                              @Param boolean reweight,
                              @Param boolean importanceSampling) {
    public DiffusionConfig {
        ConfigBinder.check(DiffusionConfig.class, embSize, steps, noiseScale, noiseMin, noiseMax, samplingSteps, reverseSteps,
                reweight, importanceSampling);
        if (!(noiseMin > 0 && noiseMin < noiseMax)) throw new IllegalArgumentException("noise_min must be > 0 and < noise_max (" + noiseMax + "), got " + noiseMin);
        if (noiseScale * noiseMax >= 1) throw new IllegalArgumentException("noise_scale * noise_max must be < 1, got " + noiseScale * noiseMax);
        if (reverseSteps > steps) throw new IllegalArgumentException("reverse_steps must be in [0, steps=" + steps + "] (0 = all steps), got " + reverseSteps);
        int reverse = reverseSteps == 0 ? steps : reverseSteps;
        if (samplingSteps > reverse) throw new IllegalArgumentException("sampling_steps must be in [0, " + reverse + "] (the reverse steps), got " + samplingSteps);
    }

    /** The number of reverse steps run at inference: {@code reverse_steps}, or all {@code steps} when it is 0. */
    public int effectiveReverseSteps() { return reverseSteps == 0 ? steps : reverseSteps; }

    /** This block with {@code reverse_steps} replaced (inference only: the trained weights do not depend on it). */
    public DiffusionConfig withReverseSteps(int reverse) {
        return new DiffusionConfig(embSize, steps, noiseScale, noiseMin, noiseMax, samplingSteps, reverse, reweight, importanceSampling);
    }
}

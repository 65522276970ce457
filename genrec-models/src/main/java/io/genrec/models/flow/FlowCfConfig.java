package io.genrec.models.flow;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

import java.util.List;

/**
 * Hyperparameters of FlowCF (Liu et al., "Flow Matching for Collaborative Filtering", KDD 2025). The velocity network is
 * DiffRec's MLP denoiser layout (so the two differ only in the path and the sampler); defaults are DiffRec's ML-1M
 * denoiser and training settings so the comparison isolates flow matching from architecture, not FlowCF's own tuned
 * values.
 *
 * @param dims          hidden widths of the decoder half (input→dims reversed→dims→output, as DiffRec's {@code --dims})
 * @param embSize       width of the sinusoidal step embedding
 * @param steps         N: the flow's time grid t = 0, 1/N, …, (N-1)/N used in training and sampling
 * @param samplingSteps s: Euler steps at inference, from the user's history placed at t = (N-s)/N up to t = 1
 * @param dropout       input dropout of the velocity network
 */
public record FlowCfConfig(@Param(min = 1) List<Integer> dims,
                           @Param(min = 1, doc = "width of the step embedding") int embSize,
                           @Param(min = 2, doc = "time grid size N of the flow") int steps,
                           @Param(min = 1, doc = "Euler steps at inference (at most steps)") int samplingSteps,
                           @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                           TrainingConfig training) {
    public FlowCfConfig {
        dims = List.copyOf(dims);
        ConfigBinder.check(FlowCfConfig.class, dims, embSize, steps, samplingSteps, dropout, training);
        if (dims.isEmpty()) throw new IllegalArgumentException("dims must not be empty");
        if (samplingSteps > steps)
            throw new IllegalArgumentException("sampling_steps must be at most steps (" + steps + "), got " + samplingSteps);
    }

    public static FlowCfConfig defaults() {
        return new FlowCfConfig(List.of(200, 600), 10, 10, 2, 0.0, new TrainingConfig(1000, 400, 1e-3, 0.0, 4, 5, 20, 0));
    }

    /** This config with {@code sampling_steps} replaced (inference only: the trained weights do not depend on it). */
    public FlowCfConfig withSamplingSteps(int s) {
        return new FlowCfConfig(dims, embSize, steps, s, dropout, training);
    }
}

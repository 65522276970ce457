package io.genrec.models.training;

import java.util.List;

/**
 * What the loop returns: the kept weights (the best validated checkpoint, or the last epoch's without validation),
 * the epoch they come from, their validation value (NaN without validation) and every epoch's numbers.
 *
 * @param nativeArraysLeft arrays still attached to the trainer's root manager when training ended (0 = nothing leaked)
 */
public record TrainingResult(ParameterSet weights, int keptEpoch, double keptValidation, List<EpochStats> epochs,
                             int nativeArraysLeft) {
    public TrainingResult { epochs = List.copyOf(epochs); }

    /** Mean examples per second over all epochs (training steps only, validation excluded). */
    public double examplesPerSecond() {
        return epochs.stream().mapToDouble(EpochStats::examplesPerSecond).average().orElse(0);
    }

    /** Seconds spent validating, over all epochs. */
    public double validationSeconds() {
        return epochs.stream().mapToDouble(EpochStats::validationSeconds).sum();
    }

    /** Mean seconds per epoch (training steps only). */
    public double secondsPerEpoch() {
        return epochs.stream().mapToDouble(EpochStats::seconds).average().orElse(0);
    }
}

package io.genrec.models.training;

/**
 * One epoch's numbers.
 *
 * @param seconds           the epoch's training steps (validation excluded)
 * @param validation        the validation NDCG after this epoch, NaN when not validated
 * @param validationSeconds the time that validation took (0 when not validated)
 * @param nativeArrays      native arrays still attached to the trainer's root manager after the epoch (0 = no growth)
 */
public record EpochStats(int epoch, double meanLoss, double seconds, double examplesPerSecond, double validation,
                         double validationSeconds, int nativeArrays) { }

package io.genrec.models.training;

/**
 * One epoch's numbers.
 *
 * @param validation the validation NDCG after this epoch, NaN when not validated
 */
public record EpochStats(int epoch, double meanLoss, double seconds, double examplesPerSecond, double validation) { }

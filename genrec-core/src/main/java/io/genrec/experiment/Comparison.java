package io.genrec.experiment;

/**
 * A paired comparison of one model against the best model on one metric over the same users: mean difference
 * (model − best), its bootstrap 95% interval, and the two-sided paired t-test p-value.
 */
public record Comparison(String model, String against, String metric, double meanDifference, double ciLow,
                         double ciHigh, double pValue) { }

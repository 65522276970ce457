package io.genrec.eval.stats;

/**
 * Paired comparison of two models' per-user values of one metric (same users, same order): the mean difference
 * a - b with a percentile bootstrap interval, the paired t-test and the Wilcoxon signed-rank test. Users where
 * either value is NaN (metric undefined) are left out.
 *
 * @param n              number of pairs used
 * @param meanA          mean of a over those pairs
 * @param meanB          mean of b over those pairs
 * @param meanDifference mean of a - b
 * @param ciLow          lower end of the bootstrap interval of the mean difference
 * @param ciHigh         upper end
 * @param confidence     level of the interval (0.95 by default)
 * @param tStatistic     paired t statistic (df = n - 1)
 * @param pValue         two-sided paired t-test p-value
 * @param wilcoxonPValue two-sided Wilcoxon signed-rank p-value (normal approximation)
 */
public record PairedComparison(int n, double meanA, double meanB, double meanDifference, double ciLow, double ciHigh,
                               double confidence, double tStatistic, double pValue, double wilcoxonPValue) {

    /** 95% interval from {@link Bootstrap#DEFAULT_REPS} resamples. */
    public static PairedComparison compare(double[] a, double[] b, long seed) {
        return compare(a, b, Bootstrap.DEFAULT_REPS, 0.95, seed);
    }

    /** 95% interval. */
    public static PairedComparison compare(double[] a, double[] b, int bootstrapReps, long seed) {
        return compare(a, b, bootstrapReps, 0.95, seed);
    }

    public static PairedComparison compare(double[] a, double[] b, int bootstrapReps, double confidence, long seed) {
        if (a.length != b.length)
            throw new IllegalArgumentException("paired values need equal lengths, got " + a.length + " and " + b.length);
        double sumA = 0, sumB = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) continue;
            sumA += a[i];
            sumB += b[i];
            n++;
        }
        double[] d = PairedTTest.differences(a, b);
        double meanD = 0;
        for (double v : d) meanD += v;
        meanD = n == 0 ? Double.NaN : meanD / n;
        Bootstrap.Interval ci = Bootstrap.meanInterval(d, bootstrapReps, confidence, seed);
        PairedTTest.Result t = PairedTTest.test(d);
        return new PairedComparison(n, n == 0 ? Double.NaN : sumA / n, n == 0 ? Double.NaN : sumB / n, meanD,
                ci.low(), ci.high(), confidence, t.t(), t.pValue(), WilcoxonSignedRank.pValue(d));
    }
}

package io.genrec.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence intervals of a mean (Efron and Tibshirani 1993, ch. 13): resample the values with
 * replacement {@code reps} times, and take the (1-c)/2 and (1+c)/2 quantiles of the resampled means (linear
 * interpolation between order statistics, "type 7"). Deterministic for a given seed.
 */
public final class Bootstrap {
    public static final int DEFAULT_REPS = 1000;

    private Bootstrap() { }

    /** An interval with its nominal confidence level. */
    public record Interval(double low, double high, double confidence) { }

    /** Interval of the mean of {@code values} (no NaN allowed). */
    public static Interval meanInterval(double[] values, int reps, double confidence, long seed) {
        if (reps < 1) throw new IllegalArgumentException("bootstrap repetitions must be >= 1, got " + reps);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0,1), got " + confidence);
        int n = values.length;
        if (n == 0) return new Interval(Double.NaN, Double.NaN, confidence);
        for (double v : values) if (Double.isNaN(v)) throw new IllegalArgumentException("bootstrap values must not be NaN");
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[reps];
        for (int r = 0; r < reps; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += values[random.nextInt(n)];
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double alpha = 1 - confidence;
        return new Interval(quantile(means, alpha / 2), quantile(means, 1 - alpha / 2), confidence);
    }

    /** Interval of the mean paired difference a[i] - b[i] (users resampled as pairs). */
    public static Interval meanDifferenceInterval(double[] a, double[] b, int reps, double confidence, long seed) {
        return meanInterval(PairedTTest.differences(a, b), reps, confidence, seed);
    }

    /** The p-quantile of sorted values, interpolating linearly between the order statistics at (n-1)p. */
    static double quantile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}

package io.genrec.split;

import io.genrec.config.Params;
import io.genrec.data.Dataset;

import java.util.Arrays;

/**
 * Global temporal split: one time line for all users, so no training interaction happens after any evaluated one
 * (the "global timeline" scheme recommended over per-user splits by Meng, McCreadie, Macdonald &amp; Ounis,
 * "Exploring Data Splitting Strategies for the Evaluation of Recommendation Models", RecSys 2020; also Sun,
 * "Take a Fresh Look at Recommender Systems from an Evaluation Standpoint", SIGIR 2023).
 *
 * <p>All {@code n} timestamps are sorted; with {@code train = 1 - valid - test}, the cut times are
 * {@code t1 = sorted[floor(train·n)]} and {@code t2 = sorted[floor((train + valid)·n)]}. Interactions with time
 * {@code < t1} are train, {@code t1 <= time < t2} validation targets, {@code time >= t2} test targets. Cutting at
 * time values keeps equal timestamps together (they go to the later part), so the parts are at most, not exactly,
 * the requested ratios. Validation queries each user with the training data (all of that user's earlier
 * interactions), test with training + validation data; evaluated users are those with targets, and a user who first
 * appears after a cut is evaluated with an empty history (cold start). {@code valid = 0} gives no validation phase.
 * Deterministic: the seed is only recorded in the description. Datasets whose timestamps leave nothing before
 * {@code t1} (e.g. all timestamps 0) are rejected.
 */
public final class TemporalSplitter implements Splitter {
    public static final String NAME = "temporal";
    private static final double EPS = 1e-9;

    private final double valid;
    private final double test;
    /** {t1, t2} when fixed by {@link #at}; null computes them from the data. */
    private final long[] fixedCuts;

    /** 0.8 / 0.1 / 0.1. */
    public TemporalSplitter() { this(0.1, 0.1); }

    public TemporalSplitter(double valid, double test) { this(valid, test, null); }

    private TemporalSplitter(double valid, double test, long[] fixedCuts) {
        this.fixedCuts = fixedCuts;
        this.valid = SplitParams.checkFraction(NAME, "valid", valid, true);
        this.test = SplitParams.checkFraction(NAME, "test", test, false);
        if (valid + test >= 1)
            throw SplitParams.bad(NAME, "valid + test", valid + test, "less than 1 (the rest is train)");
    }

    /** Keys: {@code valid} (default 0.1), {@code test} (default 0.1); train is the rest. */
    public static TemporalSplitter fromParams(Params params) {
        double v = SplitParams.fraction(params, NAME, "valid", 0.1, true);
        double t = SplitParams.fraction(params, NAME, "test", 0.1, false);
        return new TemporalSplitter(v, t);
    }

    @Override
    public String name() { return NAME; }

    /** {train, valid}: the cuts are at positions {@code floor(train·n)} and {@code floor((train + valid)·n)} of the sorted times. */
    public double[] fractions() { return new double[] {1 - valid - test, valid}; }

    /**
     * The cut times {@code {t1, t2}} this splitter uses on {@code data}: train is before {@code t1}, validation before
     * {@code t2}, test from {@code t2} on.
     */
    public long[] cuts(Dataset data) {
        if (fixedCuts != null) return fixedCuts.clone();
        int n = data.numInteractions();
        if (n == 0) throw new IllegalArgumentException(NAME + ": dataset '" + data.name() + "' has no interactions");
        long[] sorted = data.timestamps().clone();
        Arrays.sort(sorted);
        double train = 1 - valid - test;
        long t1 = sorted[cutIndex(train, n)];
        long t2 = valid == 0 ? t1 : sorted[cutIndex(train + valid, n)];
        if (sorted[0] >= t1)
            throw new IllegalArgumentException(NAME + ": dataset '" + data.name() + "' has no interaction before the first cut "
                    + "(time " + t1 + " at position " + cutIndex(train, n) + " of " + n + "): its timestamps are all equal or too coarse");
        return new long[] {t1, t2};
    }

    /**
     * This protocol cutting at fixed times (from {@link #cuts} on other data): a filtered copy of the data is then cut
     * where the unfiltered data was, so its training part is the one a filter was computed on.
     */
    public TemporalSplitter at(long[] cuts) {
        if (cuts.length != 2 || cuts[0] > cuts[1]) throw new IllegalArgumentException(NAME + ": cuts must be {t1 <= t2}, got " + Arrays.toString(cuts));
        return new TemporalSplitter(valid, test, cuts.clone());
    }

    @Override
    public Split split(Dataset data, long seed) {
        int n = data.numInteractions();
        if (n == 0) throw new IllegalArgumentException(NAME + ": dataset '" + data.name() + "' has no interactions");
        long[] times = data.timestamps();
        long[] cuts = cuts(data);
        long t1 = cuts[0], t2 = cuts[1];
        Assignment parts = new Assignment(data);
        for (int k = 0; k < n; k++) {
            if (times[k] >= t2) parts.set(k, Assignment.TEST);
            else if (times[k] >= t1) parts.set(k, Assignment.VALID);
        }
        return parts.cumulative(SplitParams.describe(NAME, parameters(), seed), valid > 0);
    }

    /** {@code floor(fraction·n)}, robust to the rounding of sums like 0.8 + 0.1; always < n for fraction < 1. */
    private static int cutIndex(double fraction, int n) {
        return Math.min(n - 1, (int) Math.floor(fraction * n + EPS));
    }

    /** 1 - 0.1 - 0.1 prints as 0.8, not 0.7999999999999999. */
    private static double round(double x) { return Math.round(x * 1e9) / 1e9; }

    @Override
    public String toString() { return SplitParams.describe(NAME, parameters()); }

    private Object[] parameters() { return new Object[] {"train", round(1 - valid - test), "valid", valid, "test", test}; }
}

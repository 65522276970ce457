package io.genrec.eval;

import io.genrec.data.Dataset;

import java.util.Arrays;

/**
 * Slate-level evaluation of generated slates (one {@code int[]} per user, e.g. from
 * {@link io.genrec.model.SlateGenerator}) against each user's held-out targets. Per user, with slate s of requested
 * size k and target set T:
 * <ul>
 *   <li>hit rate: 1 when at least one item of s is in T, else 0 (the slate-level success of List-CVAE's
 *       evaluation, Jiang et al. 2019);</li>
 *   <li>precision: |distinct(s) ∩ T| / k (a slate shorter than k is not rewarded for it);</li>
 *   <li>diversity: intra-list diversity of s, mean over unordered pairs of 1 - similarity ({@link ItemSimilarity},
 *       the same definition as the evaluator's {@code ild@k}); undefined (NaN, skipped in the mean) below two
 *       items;</li>
 *   <li>duplicates: positions holding an item that already appeared earlier in s (a valid slate has 0), summed.</li>
 * </ul>
 * Hit rate, precision and diversity are means over users.
 */
public final class SlateMetrics {
    private SlateMetrics() { }

    /** Means over the evaluated users, the total duplicate count and the per-user values (in input order). */
    public record Result(int users, double hitRate, double precision, double diversity, long duplicates,
                         double[] perUserHit, double[] perUserPrecision, double[] perUserDiversity) { }

    /**
     * Scores {@code slates[n]} for user {@code users[n]} against that user's items in {@code targets}; {@code train}
     * defines the item similarity (categories when the catalog has them, else co-occurring training users).
     */
    public static Result evaluate(int[][] slates, int[] users, int k, Dataset targets, Dataset train) {
        if (slates.length != users.length)
            throw new IllegalArgumentException(slates.length + " slates for " + users.length + " users");
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        int maxLen = 1;
        for (int[] s : slates) maxLen = Math.max(maxLen, s.length);
        ItemSimilarity sim = ItemSimilarity.forTrain(train).create(maxLen);
        double[] hit = new double[users.length], precision = new double[users.length], diversity = new double[users.length];
        long duplicates = 0;
        for (int n = 0; n < users.length; n++) {
            int[] slate = slates[n];
            for (int item : slate)
                if (item < 0 || item >= train.numItems())
                    throw new IllegalArgumentException("slate of user " + users[n] + " holds item " + item + " outside [0," + train.numItems() + ")");
            int[] t = targets.itemsOf(users[n]);
            Arrays.sort(t);
            int hits = hits(slate, t);
            hit[n] = hits > 0 ? 1 : 0;
            precision[n] = hits / (double) k;
            sim.load(slate, slate.length);
            diversity[n] = ListMetrics.intraListDiversity(slate.length, sim);
            duplicates += duplicates(slate);
        }
        return new Result(users.length, Evaluator.meanIgnoringNaN(hit), Evaluator.meanIgnoringNaN(precision),
                Evaluator.meanIgnoringNaN(diversity), duplicates, hit, precision, diversity);
    }

    /** Distinct items of {@code slate} found in {@code sortedTargets}. */
    static int hits(int[] slate, int[] sortedTargets) {
        int hits = 0;
        for (int p = 0; p < slate.length; p++)
            if (!seenBefore(slate, p) && Arrays.binarySearch(sortedTargets, slate[p]) >= 0) hits++;
        return hits;
    }

    /** Positions whose item already occurs at an earlier position (O(k²), slates are short). */
    static int duplicates(int[] slate) {
        int d = 0;
        for (int p = 0; p < slate.length; p++) if (seenBefore(slate, p)) d++;
        return d;
    }

    private static boolean seenBefore(int[] slate, int p) {
        for (int q = 0; q < p; q++) if (slate[q] == slate[p]) return true;
        return false;
    }
}

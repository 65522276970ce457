package io.genrec.eval;

import java.util.Arrays;

/**
 * Metrics that need the position of the targets among all candidates rather than the top k: the candidates of a
 * user are all items not excluded for that user.
 */
final class FullRanking {
    private FullRanking() { }

    /**
     * Per-user AUC: the fraction of (target, non-target) candidate pairs in which the target scores higher, ties
     * counting 1/2 (the Mann–Whitney statistic divided by the number of pairs). Items the model scores
     * {@code -infinity} stay candidates and tie with each other. NaN when the user has no target candidate or no
     * non-target candidate. O(numItems · log |T|): target scores are sorted once and each non-target is located by
     * binary search.
     *
     * @param scratch at least {@code targetCount} floats, overwritten
     */
    static double auc(float[] scores, ItemMarks excluded, ItemMarks targets, int[] targetItems, int targetCount,
                      float[] scratch) {
        int m = 0;
        for (int t = 0; t < targetCount; t++) {
            int item = targetItems[t];
            if (!excluded.contains(item)) scratch[m++] = scores[item];
        }
        if (m == 0) return Double.NaN;
        Arrays.sort(scratch, 0, m);
        double correct = 0;
        long negatives = 0;
        for (int item = 0; item < scores.length; item++) {
            if (excluded.contains(item) || targets.contains(item)) continue;
            negatives++;
            float s = scores[item];
            int below = lowerBound(scratch, m, s), notAbove = upperBound(scratch, m, s);
            correct += (m - notAbove) + 0.5 * (notAbove - below);
        }
        return negatives == 0 ? Double.NaN : correct / ((double) m * negatives);
    }

    /**
     * 1 / (1-based rank of the best target in the full ranking), ranking as {@link io.genrec.model.TopK} does (score
     * descending, lower item id first on ties, {@code -infinity} never ranked). 0 when no target can be ranked.
     * Excluded items must already be set to {@code -infinity} in {@code scores}.
     */
    static double reciprocalRank(float[] scores, int[] targetItems, int targetCount) {
        int best = -1;
        for (int t = 0; t < targetCount; t++) {
            int item = targetItems[t];
            if (scores[item] > Float.NEGATIVE_INFINITY && (best < 0 || better(scores[item], item, scores[best], best))) best = item;
        }
        if (best < 0) return 0;
        float bs = scores[best];
        long above = 0;
        for (int item = 0; item < scores.length; item++) {
            float s = scores[item];
            if (s > bs || (s == bs && item < best)) above++;
        }
        return 1.0 / (above + 1);
    }

    private static boolean better(float s1, int i1, float s2, int i2) { return s1 > s2 || (s1 == s2 && i1 < i2); }

    /** Number of entries of sorted {@code a[0..n)} strictly below {@code x}. */
    private static int lowerBound(float[] a, int n, float x) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Number of entries of sorted {@code a[0..n)} at most {@code x}. */
    private static int upperBound(float[] a, int n, float x) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

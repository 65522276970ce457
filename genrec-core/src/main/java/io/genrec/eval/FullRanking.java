package io.genrec.eval;

import java.util.Arrays;

/**
 * Metrics that need the position of the targets among all candidates rather than the top k: the candidates of a
 * user are all items not excluded for that user.
 */
final class FullRanking {
    private FullRanking() { }

    /** Up to this many target candidates AUC counts per target; above it, it searches per item. */
    static final int COUNTING_MAX_TARGETS = 32;

    /**
     * Per-user AUC: the fraction of (target, non-target) candidate pairs in which the target scores higher, ties
     * counting 1/2 (the Mann–Whitney statistic divided by the number of pairs). Items the model scores
     * {@code -infinity} stay candidates and tie with each other. NaN when the user has no target candidate or no
     * non-target candidate. Excluded items must already be set to {@code -infinity} in {@code scores}.
     *
     * <p>Two exact ways to count the pairs, chosen by the number m of target candidates: for small m, one
     * branch-free (vectorizable) pass over all items per target, O(numItems · m); for large m, a binary search of
     * each item among the sorted target scores, O(numItems · log m). The pass is branch-free and cheap per pair, the
     * search pays for unpredictable branches per item; on 3,000 random scores they break even near 30 targets (see
     * {@code AucPairCountBenchmark} in the test sources and docs/results/evaluator-speed.md), hence
     * {@link #COUNTING_MAX_TARGETS}.
     *
     * @param scratch at least {@code targetCount} floats, overwritten
     */
    static double auc(float[] scores, ItemMarks excluded, int excludedCount, ItemMarks targets, int[] targetItems,
                      int targetCount, float[] scratch) {
        int m = 0;
        for (int t = 0; t < targetCount; t++) {
            int item = targetItems[t];
            if (!excluded.contains(item)) scratch[m++] = scores[item];
        }
        long negatives = (long) scores.length - excludedCount - m;
        if (m == 0 || negatives == 0) return Double.NaN;
        double correct = m <= COUNTING_MAX_TARGETS
                ? correctPairsByCounting(scores, excludedCount, scratch, m)
                : correctPairsBySearch(scores, excluded, targets, scratch, m);
        return correct / ((double) m * negatives);
    }

    /**
     * For each target score, the items scored below (plus half those scored equal), minus the excluded items (all at
     * {@code -infinity}) and the target candidates themselves.
     */
    static double correctPairsByCounting(float[] scores, int excludedCount, float[] targetScores, int m) {
        double correct = 0;
        for (int t = 0; t < m; t++) {
            float ts = targetScores[t];
            int below = 0, equal = 0;
            for (int i = 0; i < scores.length; i++) below += scores[i] < ts ? 1 : 0;
            for (int i = 0; i < scores.length; i++) equal += scores[i] == ts ? 1 : 0;
            if (ts == Float.NEGATIVE_INFINITY) equal -= excludedCount; else below -= excludedCount;
            for (int o = 0; o < m; o++) {
                below -= targetScores[o] < ts ? 1 : 0;
                equal -= targetScores[o] == ts ? 1 : 0;
            }
            correct += below + 0.5 * equal;
        }
        return correct;
    }

    /** For each non-target candidate, the targets scored above it (plus half those scored equal). Sorts {@code targetScores}. */
    static double correctPairsBySearch(float[] scores, ItemMarks excluded, ItemMarks targets, float[] targetScores, int m) {
        Arrays.sort(targetScores, 0, m);
        double correct = 0;
        for (int item = 0; item < scores.length; item++) {
            if (excluded.contains(item) || targets.contains(item)) continue;
            float s = scores[item];
            int below = countBelow(targetScores, m, s), notAbove = countNotAbove(targetScores, m, s);
            correct += (m - notAbove) + 0.5 * (notAbove - below);
        }
        return correct;
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


    /**
     * Number of entries of sorted {@code a[0..n)} strictly below {@code x}, n >= 1, without a data-dependent branch
     * in the loop (the JIT can emit a conditional move).
     */
    private static int countBelow(float[] a, int n, float x) {
        int base = 0;
        for (int len = n; len > 1; ) {
            int half = len >>> 1;
            base = a[base + half - 1] < x ? base + half : base;
            len -= half;
        }
        return a[base] < x ? base + 1 : base;
    }

    /** Number of entries of sorted {@code a[0..n)} at most {@code x}. */
    private static int countNotAbove(float[] a, int n, float x) {
        return x == Float.POSITIVE_INFINITY ? n : countBelow(a, n, Math.nextUp(x));
    }
}

package io.genrec.eval;

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
     * non-target candidate.
     *
     * <p>Excluded items must already be set to {@code -infinity} in {@code scores}. For each target candidate one
     * branch-free pass counts the items scored below and equal to it; the excluded items (known to be at
     * {@code -infinity}) and the other targets are then subtracted. O(numItems · |T|), which for typical target
     * counts beats a binary search per item, whose branches the CPU cannot predict on random scores.
     */
    static double auc(float[] scores, ItemMarks excluded, int excludedCount, int[] targetItems, int targetCount,
                      float[] scratch) {
        int m = 0;
        for (int t = 0; t < targetCount; t++) {
            int item = targetItems[t];
            if (!excluded.contains(item)) scratch[m++] = scores[item];
        }
        long negatives = (long) scores.length - excludedCount - m;
        if (m == 0 || negatives == 0) return Double.NaN;
        double correct = 0;
        for (int t = 0; t < m; t++) {
            float ts = scratch[t];
            int below = 0, equal = 0;
            for (int i = 0; i < scores.length; i++) below += scores[i] < ts ? 1 : 0;
            for (int i = 0; i < scores.length; i++) equal += scores[i] == ts ? 1 : 0;
            if (ts == Float.NEGATIVE_INFINITY) equal -= excludedCount; else below -= excludedCount;
            for (int o = 0; o < m; o++) {
                below -= scratch[o] < ts ? 1 : 0;
                equal -= scratch[o] == ts ? 1 : 0;
            }
            correct += below + 0.5 * equal;
        }
        return correct / ((double) m * negatives);
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

}

package io.genrec.eval;

/**
 * Per-user accuracy metrics of one ranked list, computed from its hit vector: {@code hits[r]} is true when the item
 * at rank {@code r} (0 = best) is a target; only the first {@code length} entries are meaningful. {@code targets} is
 * the number of distinct target items of the user (at least 1). Binary relevance throughout; a list shorter than
 * {@code k} (few candidates) simply has no hits beyond its end.
 */
public final class RankingMetrics {
    private static final double LN2 = Math.log(2);

    private RankingMetrics() { }

    /** hits@k / |T| (RecBole and DiffRec convention). */
    public static double recall(boolean[] hits, int length, int k, int targets) {
        return (double) hitCount(hits, length, k) / targets;
    }

    /** hits@k / min(k, |T|): the recall of Liang et al., "Variational Autoencoders for Collaborative Filtering" (2018). */
    public static double truncatedRecall(boolean[] hits, int length, int k, int targets) {
        return (double) hitCount(hits, length, k) / Math.min(k, targets);
    }

    /** hits@k / k (the denominator stays k when fewer than k items could be ranked). */
    public static double precision(boolean[] hits, int length, int k) {
        return (double) hitCount(hits, length, k) / k;
    }

    /** 1 when at least one target is in the top k, else 0. */
    public static double hit(boolean[] hits, int length, int k) {
        return hitCount(hits, length, k) > 0 ? 1 : 0;
    }

    /**
     * DCG@k / IDCG@k with DCG = sum over hit ranks r (1-based) of 1/log2(r+1) and IDCG the DCG of min(k, |T|) hits
     * at the top (Järvelin and Kekäläinen 2002, binary gains).
     */
    public static double ndcg(boolean[] hits, int length, int k, int targets) {
        int n = Math.min(length, k);
        double dcg = 0;
        for (int r = 0; r < n; r++) if (hits[r]) dcg += discount(r);
        double idcg = 0;
        int ideal = Math.min(k, targets);
        for (int r = 0; r < ideal; r++) idcg += discount(r);
        return dcg / idcg;
    }

    /** 1 / (1-based rank of the first target in the top k), 0 when none is there. */
    public static double reciprocalRank(boolean[] hits, int length, int k) {
        int n = Math.min(length, k);
        for (int r = 0; r < n; r++) if (hits[r]) return 1.0 / (r + 1);
        return 0;
    }

    /** AP@k = (1 / min(k, |T|)) * sum over hit ranks r <= k of precision@r. */
    public static double averagePrecision(boolean[] hits, int length, int k, int targets) {
        int n = Math.min(length, k);
        double sum = 0;
        int found = 0;
        for (int r = 0; r < n; r++) {
            if (!hits[r]) continue;
            found++;
            sum += (double) found / (r + 1);
        }
        return sum / Math.min(k, targets);
    }

    /** 1 / log2(r + 2) for the 0-based rank {@code r}. */
    static double discount(int r) { return LN2 / Math.log(r + 2); }

    private static int hitCount(boolean[] hits, int length, int k) {
        int n = Math.min(length, k), c = 0;
        for (int r = 0; r < n; r++) if (hits[r]) c++;
        return c;
    }
}

package io.genrec.llm.fairness;

/** Similarity of two recommendation lists (dense item ids, best first). */
public final class ListSimilarity {
    private ListSimilarity() { }

    /** |A ∩ B| / |A ∪ B| of the two lists as sets (1 when both are empty). */
    public static double jaccard(int[] a, int[] b) {
        java.util.Set<Integer> sa = new java.util.HashSet<>(), sb = new java.util.HashSet<>();
        for (int x : a) sa.add(x);
        for (int x : b) sb.add(x);
        int inter = 0;
        for (int x : sa) if (sb.contains(x)) inter++;
        int union = sa.size() + sb.size() - inter;
        return union == 0 ? 1 : (double) inter / union;
    }

    /**
     * Rank-biased overlap (Webber, Moffat and Zobel, TOIS 2010), the extrapolated form for lists evaluated to depth
     * k = max length: {@code RBO = (X_k/k) p^k + (1-p)/p · Σ_{d=1..k} (X_d/d) p^d}, X_d the overlap of the two
     * depth-d prefixes. 1 for identical lists, 0 for disjoint ones; p near 1 weighs deep ranks more.
     */
    public static double rbo(int[] a, int[] b, double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("RBO persistence p must be in (0, 1), got " + p);
        int k = Math.max(a.length, b.length);
        if (k == 0) return 1;
        java.util.Set<Integer> seenA = new java.util.HashSet<>(), seenB = new java.util.HashSet<>();
        int overlap = 0;
        double sum = 0, weight = 1;
        for (int d = 1; d <= k; d++) {
            if (d <= a.length) { int x = a[d - 1]; if (seenA.add(x) && seenB.contains(x)) overlap++; }
            if (d <= b.length) { int y = b[d - 1]; if (seenB.add(y) && seenA.contains(y)) overlap++; }
            weight *= p;
            sum += (double) overlap / d * weight;
        }
        return (double) overlap / k * weight + (1 - p) / p * sum;
    }
}

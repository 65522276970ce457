package io.genrec.eval;

import java.util.Arrays;

/** Aggregates over the top-k lists of all evaluated users, from the exposure count of every catalog item. */
public final class CatalogMetrics {
    private CatalogMetrics() { }

    /** Distinct recommended items / number of items. */
    public static double coverage(int[] exposure) {
        int distinct = 0;
        for (int c : exposure) if (c > 0) distinct++;
        return exposure.length == 0 ? Double.NaN : (double) distinct / exposure.length;
    }

    /**
     * Gini index of the exposure counts over all n items (unrecommended items count 0): with the counts sorted
     * ascending c(1) <= ... <= c(n), G = sum_j (2j - n - 1) c(j) / (n sum_j c(j)). 0 when every item is recommended
     * equally often, (n-1)/n when one item takes all exposure; NaN when nothing was recommended.
     */
    public static double gini(int[] exposure) {
        int[] sorted = exposure.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double total = 0, weighted = 0;
        for (int j = 0; j < n; j++) {
            total += sorted[j];
            weighted += (2.0 * (j + 1) - n - 1) * sorted[j];
        }
        return total == 0 ? Double.NaN : weighted / (n * total);
    }

    /**
     * Long-tail coverage: the share of long-tail items (outside the head of {@link PopularityBuckets}) recommended to
     * at least one user. NaN when the catalogue has no long-tail item.
     */
    public static double longTailCoverage(int[] exposure, PopularityBuckets buckets) {
        int longTail = 0, covered = 0;
        for (int i = 0; i < exposure.length; i++) {
            if (buckets.bucket(i) == PopularityBuckets.HEAD) continue;
            longTail++;
            if (exposure[i] > 0) covered++;
        }
        return longTail == 0 ? Double.NaN : (double) covered / longTail;
    }
}

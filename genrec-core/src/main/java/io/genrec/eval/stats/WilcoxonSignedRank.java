package io.genrec.eval.stats;

import java.util.Arrays;

/**
 * Two-sided Wilcoxon signed-rank test of paired differences with the normal approximation (suitable for the
 * hundreds to thousands of users of an evaluation; no exact small-sample distribution). Zero differences are
 * dropped (Wilcoxon's method), tied |d| get average ranks and the variance is tie-corrected; no continuity
 * correction: z = (W+ - n(n+1)/4) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48).
 */
public final class WilcoxonSignedRank {
    private WilcoxonSignedRank() { }

    /** The p-value; 1 when every difference is 0. */
    public static double pValue(double[] d) {
        double[] abs = new double[d.length];
        int n = 0;
        for (double v : d) if (v != 0 && !Double.isNaN(v)) abs[n++] = Math.abs(v);
        if (n == 0) return 1;
        double[] sorted = Arrays.copyOf(abs, n);
        Arrays.sort(sorted);
        double tieTerm = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && sorted[end + 1] == sorted[start]) end++;
            double ties = end - start + 1;
            tieTerm += ties * ties * ties - ties;
            start = end + 1;
        }
        double wPlus = 0;
        for (double v : d) {
            if (!(v > 0)) continue;
            // Average 1-based rank of the tie group of |v|: positions [first, last] in sorted order.
            int first = firstIndexOf(sorted, v), last = firstIndexAbove(sorted, v) - 1;
            wPlus += (first + last) / 2.0 + 1;
        }
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1.0) * (2 * n + 1) / 24 - tieTerm / 48;
        if (var <= 0) return 1;
        double z = (wPlus - mean) / Math.sqrt(var);
        return SpecialFunctions.erfc(Math.abs(z) / Math.sqrt(2));
    }

    private static int firstIndexOf(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int firstIndexAbove(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

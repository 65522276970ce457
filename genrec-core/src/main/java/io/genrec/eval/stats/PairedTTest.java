package io.genrec.eval.stats;

/**
 * Two-sided paired t-test on per-user differences d = a - b: t = mean(d) / (sd(d) / sqrt(n)) with the sample
 * standard deviation (n - 1 denominator), df = n - 1, p = P(|T_df| >= |t|).
 */
public final class PairedTTest {
    private PairedTTest() { }

    /** Statistic, degrees of freedom and p-value; p is NaN for fewer than two pairs. */
    public record Result(double t, int df, double pValue) { }

    public static Result test(double[] a, double[] b) { return test(differences(a, b)); }

    /** Tests whether the mean of {@code d} differs from 0. All differences equal to 0 give t = 0, p = 1. */
    public static Result test(double[] d) {
        int n = d.length;
        if (n < 2) return new Result(Double.NaN, Math.max(n - 1, 0), Double.NaN);
        double mean = 0;
        for (double v : d) mean += v;
        mean /= n;
        double ss = 0;
        for (double v : d) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        if (sd == 0) return new Result(mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean), n - 1, mean == 0 ? 1 : 0);
        double t = mean / (sd / Math.sqrt(n));
        return new Result(t, n - 1, StudentT.twoSidedP(t, n - 1));
    }

    /**
     * a[i] - b[i] over the pairs where both values are defined (pairs with a NaN are dropped); arrays of different
     * length are an error.
     */
    public static double[] differences(double[] a, double[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException("paired values need equal lengths, got " + a.length + " and " + b.length);
        double[] d = new double[a.length];
        int n = 0;
        for (int i = 0; i < a.length; i++) if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) d[n++] = a[i] - b[i];
        return n == d.length ? d : java.util.Arrays.copyOf(d, n);
    }
}

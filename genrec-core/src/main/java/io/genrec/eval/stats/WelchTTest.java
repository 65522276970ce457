package io.genrec.eval.stats;

/**
 * Welch's unequal-variance two-sample t-test (Welch 1947): t = (mean(a) - mean(b)) / sqrt(va/na + vb/nb) with the
 * sample variances (n - 1 denominators), df by the Welch–Satterthwaite equation
 * (va/na + vb/nb)^2 / ((va/na)^2/(na-1) + (vb/nb)^2/(nb-1)), two-sided p = P(|T_df| >= |t|). NaN values are left out.
 */
public final class WelchTTest {
    private WelchTTest() { }

    public record Result(double t, double df, double pValue) { }

    /** p is NaN when either sample has fewer than two values; both variances 0 give p = 1 for equal means, else 0. */
    public static Result test(double[] a, double[] b) {
        double[] ma = moments(a), mb = moments(b);
        double na = ma[0], nb = mb[0];
        if (na < 2 || nb < 2) return new Result(Double.NaN, Double.NaN, Double.NaN);
        double sa = ma[2] / na, sb = mb[2] / nb;
        double diff = ma[1] - mb[1];
        double se2 = sa + sb;
        if (se2 == 0) return new Result(diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff), na + nb - 2, diff == 0 ? 1 : 0);
        double t = diff / Math.sqrt(se2);
        double df = se2 * se2 / (sa * sa / (na - 1) + sb * sb / (nb - 1));
        return new Result(t, df, StudentT.twoSidedP(t, df));
    }

    /** {n, mean, sample variance} of the non-NaN values. */
    static double[] moments(double[] v) {
        int n = 0;
        double sum = 0;
        for (double x : v) if (!Double.isNaN(x)) { sum += x; n++; }
        double mean = n == 0 ? Double.NaN : sum / n, ss = 0;
        for (double x : v) if (!Double.isNaN(x)) ss += (x - mean) * (x - mean);
        return new double[] {n, mean, n < 2 ? Double.NaN : ss / (n - 1)};
    }
}

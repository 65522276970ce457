package io.genrec.eval.stats;

/** Student's t distribution, through I_x(df/2, 1/2) with x = df / (df + t^2). */
public final class StudentT {
    private StudentT() { }

    /** P(T <= t) for {@code df} > 0 degrees of freedom. */
    public static double cdf(double t, double df) {
        if (!(df > 0)) throw new IllegalArgumentException("degrees of freedom must be > 0, got " + df);
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return t > 0 ? 1 : 0;
        double tail = 0.5 * SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    /** P(|T| >= |t|), the two-sided p-value of the statistic {@code t}. */
    public static double twoSidedP(double t, double df) {
        if (!(df > 0)) throw new IllegalArgumentException("degrees of freedom must be > 0, got " + df);
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return 0;
        return SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }
}

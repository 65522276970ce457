package io.genrec.eval.stats;

/**
 * The special functions behind the test distributions: log-gamma (Lanczos approximation, g = 7, 9 terms), the
 * regularized incomplete beta function (continued fraction evaluated with the modified Lentz method) and the
 * regularized upper incomplete gamma function (series / continued fraction). Accurate to about 1e-14 relative in
 * the ranges the tests use; see Press et al., "Numerical Recipes", 3rd ed., sections 6.1, 6.2 and 6.4 for the
 * methods.
 */
public final class SpecialFunctions {
    private static final double[] LANCZOS = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;

    private SpecialFunctions() { }

    /** ln Γ(x) for x > 0. */
    public static double logGamma(double x) {
        if (!(x > 0)) throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
        double t = z + 7.5;
        return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** I_x(a, b), the regularized incomplete beta function, for a, b > 0 and 0 <= x <= 1. */
    public static double regularizedBeta(double x, double a, double b) {
        if (!(a > 0) || !(b > 0)) throw new IllegalArgumentException("regularizedBeta needs a, b > 0, got a=" + a + ", b=" + b);
        if (!(x >= 0 && x <= 1)) throw new IllegalArgumentException("regularizedBeta needs 0 <= x <= 1, got " + x);
        if (x == 0) return 0;
        if (x == 1) return 1;
        double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) otherwise.
        if (x < (a + 1) / (a + b + 2)) return Math.exp(logFront) * betaFraction(x, a, b) / a;
        return 1 - Math.exp(logFront) * betaFraction(1 - x, b, a) / b;
    }

    /** The continued fraction of I_x(a,b): 1/(1+ d1/(1+ d2/(1+ ...))) with the even and odd terms d_m of the expansion. */
    private static double betaFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / nonZero(d);
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) return h;
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    /** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function, for a > 0, x >= 0. */
    public static double regularizedGammaQ(double a, double x) {
        if (!(a > 0) || !(x >= 0)) throw new IllegalArgumentException("regularizedGammaQ needs a > 0, x >= 0, got a=" + a + ", x=" + x);
        if (x == 0) return 1;
        double logFront = a * Math.log(x) - x - logGamma(a);
        if (x < a + 1) {
            // Series for P(a,x): sum_n x^n / (a (a+1) ... (a+n)).
            double term = 1 / a, sum = term;
            for (int n = 1; n <= MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * EPS) return 1 - sum * Math.exp(logFront);
            }
            throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
        }
        // Continued fraction for Q(a,x) (Lentz).
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int n = 1; n <= MAX_ITERATIONS; n++) {
            double an = -n * (n - a);
            b += 2;
            d = 1 / nonZero(an * d + b);
            c = nonZero(b + an / c);
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) return Math.exp(logFront) * h;
        }
        throw new ArithmeticException("incomplete gamma fraction did not converge for a=" + a + ", x=" + x);
    }

    /** erfc(x) = Q(1/2, x^2) for x >= 0, and 2 - erfc(-x) below. */
    public static double erfc(double x) {
        return x >= 0 ? regularizedGammaQ(0.5, x * x) : 2 - regularizedGammaQ(0.5, x * x);
    }

    /** The standard normal CDF Φ(z). */
    public static double normalCdf(double z) { return 0.5 * erfc(-z / Math.sqrt(2)); }

    private static double nonZero(double v) { return Math.abs(v) < TINY ? TINY : v; }
}

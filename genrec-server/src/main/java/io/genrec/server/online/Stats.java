package io.genrec.server.online;

/** The statistics an experiment report needs: Wilson score intervals and the exact two-sided sign test. */
public final class Stats {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Stats() { }

    /** A proportion with its Wilson score interval; null bounds when there were no trials. */
    public record Rate(long successes, long trials, Double value, Double low, Double high) { }

    /**
     * Wilson score interval (Wilson 1927): unlike the normal-approximation interval it stays inside [0, 1] and is
     * sensible at 0 or n successes and small n, which early experiment arms always have.
     */
    public static Rate wilson(long successes, long trials, double z) {
        if (successes < 0 || successes > trials) throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
        if (trials == 0) return new Rate(0, 0, null, null, null);
        double n = trials, p = successes / n, z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Rate(successes, trials, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * Exact two-sided sign test: the probability, under H0 wins ~ Binomial(wins + losses, 1/2), of a split at least
     * as uneven as the observed one. Ties do not enter. 1.0 when there are no decisive outcomes.
     */
    public static double signTestP(long wins, long losses) {
        long n = wins + losses;
        if (n == 0) return 1.0;
        long m = Math.min(wins, losses);
        // P(X <= m) for X ~ Bin(n, 1/2), summed in log space so large n neither under- nor overflows
        double logPmf = -n * Math.log(2), logCdf = logPmf;
        for (long i = 0; i < m; i++) {
            logPmf += Math.log((double) (n - i) / (i + 1));
            logCdf = logSumExp(logCdf, logPmf);
        }
        return Math.min(1.0, 2 * Math.exp(logCdf));
    }

    private static double logSumExp(double x, double y) {
        double hi = Math.max(x, y), lo = Math.min(x, y);
        return hi + Math.log1p(Math.exp(lo - hi));
    }
}

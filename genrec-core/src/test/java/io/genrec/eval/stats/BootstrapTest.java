package io.genrec.eval.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class BootstrapTest {
    @Test
    void quantileInterpolatesLinearly() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1 + 0.75 * (2 - 1), Bootstrap.quantile(sorted, 0.25), 1e-15, "position (4-1)*0.25 = 0.75");
        assertEquals(1, Bootstrap.quantile(sorted, 0), 1e-15);
        assertEquals(4, Bootstrap.quantile(sorted, 1), 1e-15);
    }

    @Test
    void constantValuesGiveAPointInterval() {
        Bootstrap.Interval ci = Bootstrap.meanInterval(new double[] {0.25, 0.25, 0.25}, 200, 0.95, 1);
        assertEquals(0.25, ci.low(), 1e-15);
        assertEquals(0.25, ci.high(), 1e-15);
    }

    @Test
    void twoPointSampleReachesBothEnds() {
        // Resampled means of {0, 1} are 0, 1/2, 1 with probabilities 1/4, 1/2, 1/4: the 2.5% and 97.5% quantiles of
        // 1000 of them are 0 and 1 (missing either end has probability 2 * 0.75^1000).
        Bootstrap.Interval ci = Bootstrap.meanInterval(new double[] {0, 1}, 1000, 0.95, 7);
        assertEquals(0, ci.low(), 1e-15);
        assertEquals(1, ci.high(), 1e-15);
    }

    @Test
    void seededAndCloseToTheNormalIntervalForLargeSamples() {
        long seed = 20261126L;
        SplittableRandom r = new SplittableRandom(seed);
        int n = 400;
        double[] x = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) { x[i] = r.nextDouble(); mean += x[i]; }
        mean /= n;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        // Bootstrap distribution of the mean has sd = sqrt(ss/n) / sqrt(n) (plug-in variance).
        double halfWidth = 1.959963984540054 * Math.sqrt(ss / n) / Math.sqrt(n);
        Bootstrap.Interval ci = Bootstrap.meanInterval(x, 4000, 0.95, seed);
        assertEquals(mean - halfWidth, ci.low(), 0.1 * halfWidth, "seed " + seed);
        assertEquals(mean + halfWidth, ci.high(), 0.1 * halfWidth, "seed " + seed);
        assertEquals(ci, Bootstrap.meanInterval(x, 4000, 0.95, seed), "same seed, same interval");
        assertNotEquals(ci, Bootstrap.meanInterval(x, 4000, 0.95, seed + 1), "another seed resamples differently");
        Bootstrap.Interval ci90 = Bootstrap.meanInterval(x, 4000, 0.90, seed);
        assertTrue(ci90.high() - ci90.low() < ci.high() - ci.low(), "a 90% interval is narrower");
    }

    @Test
    void differenceIntervalResamplesPairs() {
        double[] a = {0.5, 0.1, 0.9, 0.4, Double.NaN}, b = {0.2, 0.3, 0.1, 0.4, 0.7};
        // The pair with NaN is dropped; the rest are resampled as differences 0.3, -0.2, 0.8, 0.
        assertEquals(Bootstrap.meanInterval(new double[] {0.5 - 0.2, 0.1 - 0.3, 0.9 - 0.1, 0.4 - 0.4}, 500, 0.95, 3),
                Bootstrap.meanDifferenceInterval(a, b, 500, 0.95, 3));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanInterval(new double[] {1}, 0, 0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanInterval(new double[] {1}, 10, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.meanInterval(new double[] {Double.NaN}, 10, 0.95, 1));
    }
}

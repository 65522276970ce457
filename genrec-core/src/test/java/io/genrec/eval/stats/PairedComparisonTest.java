package io.genrec.eval.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PairedComparisonTest {
    @Test
    void wilcoxonWithoutTies() {
        // |d| ranks 1..6, positive ranks 1+3+4+6 = 14; mean n(n+1)/4 = 10.5, variance n(n+1)(2n+1)/24 = 22.75.
        double z = (14 - 10.5) / Math.sqrt(22.75);
        assertEquals(2 * (1 - SpecialFunctions.normalCdf(z)), WilcoxonSignedRank.pValue(new double[] {1, -2, 3, 4, -5, 6}), 1e-12);
    }

    @Test
    void wilcoxonWithZerosAndTies() {
        // The zero is dropped (n = 6); |d| = 1,1,2,3,3,3 get ranks 1.5,1.5,3,5,5,5; W+ = 1.5+1.5+5+5;
        // tie correction (2^3-2 + 3^3-3)/48.
        double var = 6 * 7 * 13 / 24.0 - (6 + 24) / 48.0;
        double z = (13 - 10.5) / Math.sqrt(var);
        assertEquals(2 * (1 - SpecialFunctions.normalCdf(z)), WilcoxonSignedRank.pValue(new double[] {0, 1, 1, -2, 3, -3, 3}), 1e-12);
        assertEquals(1, WilcoxonSignedRank.pValue(new double[] {0, 0}));
    }

    @Test
    void comparesPairsSkippingUndefinedUsers() {
        double[] a = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, Double.NaN};
        double[] b = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4, 1.0};
        PairedComparison c = PairedComparison.compare(a, b, 1000, 42);
        assertEquals(10, c.n());
        assertEquals(0.75, c.meanA(), 1e-12);
        assertEquals(2.33, c.meanB(), 1e-12);
        assertEquals(0.75 - 2.33, c.meanDifference(), 1e-12);
        assertEquals(-4.0621, c.tStatistic(), 1e-4);
        assertEquals(0.002833, c.pValue(), 1e-6);
        assertTrue(c.ciLow() < c.meanDifference() && c.meanDifference() < c.ciHigh() && c.ciHigh() < 0,
                "interval [" + c.ciLow() + ", " + c.ciHigh() + "] must hold the mean and exclude 0");
        assertEquals(0.95, c.confidence());
        assertEquals(c, PairedComparison.compare(a, b, 1000, 42), "seeded");
        assertTrue(c.wilcoxonPValue() > 0 && c.wilcoxonPValue() < 0.05, "p = " + c.wilcoxonPValue());
    }
}

package io.genrec.eval.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WelchTTestTest {
    @Test
    void matchesTheHandComputedStatistic() {
        // a = {1,2,3}: mean 2, var 1; b = {4,5}: mean 4.5, var 0.5. se^2 = 1/3 + 0.5/2 = 7/12,
        // t = -2.5 / sqrt(7/12); df = (7/12)^2 / ((1/3)^2/2 + (1/4)^2/1) = 49/17 ≈ 2.8824.
        // Reference (scipy.stats.ttest_ind(equal_var=False)): t = -3.2732683535, p = 0.0494162569.
        WelchTTest.Result r = WelchTTest.test(new double[] {1, 2, 3, Double.NaN}, new double[] {4, 5});
        assertEquals(-2.5 / Math.sqrt(7 / 12.0), r.t(), 1e-12);
        assertEquals(49 / 17.0, r.df(), 1e-12);
        assertEquals(0.0494162569, r.pValue(), 1e-8);
    }

    @Test
    void degenerateSamples() {
        assertTrue(Double.isNaN(WelchTTest.test(new double[] {1}, new double[] {1, 2}).pValue()));
        assertEquals(1, WelchTTest.test(new double[] {2, 2}, new double[] {2, 2}).pValue());
        assertEquals(0, WelchTTest.test(new double[] {1, 1}, new double[] {2, 2}).pValue());
    }
}

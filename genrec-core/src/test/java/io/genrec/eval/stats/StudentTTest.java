package io.genrec.eval.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StudentTTest {
    @Test
    void criticalValuesFromTheTable() {
        // Two-sided critical values of Student's t (standard tables, 3 decimals).
        assertEquals(0.05, StudentT.twoSidedP(2.228, 10), 5e-4);
        assertEquals(0.10, StudentT.twoSidedP(1.812, 10), 5e-4);
        assertEquals(0.01, StudentT.twoSidedP(4.032, 5), 5e-4);
        assertEquals(0.05, StudentT.twoSidedP(2.042, 30), 5e-4);
        assertEquals(0.05, StudentT.twoSidedP(1.962, 1000), 5e-4);
    }

    @Test
    void closedFormsForOneAndTwoDegreesOfFreedom() {
        for (double t : new double[] {0, 0.3, 1, 2.5, 12}) {
            assertEquals(1 - 2 * Math.atan(t) / Math.PI, StudentT.twoSidedP(t, 1), 1e-13, "Cauchy, t=" + t);
            assertEquals(1 - t / Math.sqrt(2 + t * t), StudentT.twoSidedP(t, 2), 1e-13, "df=2, t=" + t);
            assertEquals(0.5 + Math.atan(t) / Math.PI, StudentT.cdf(t, 1), 1e-13);
            assertEquals(1 - StudentT.cdf(t, 7), StudentT.cdf(-t, 7), 1e-13, "symmetry");
        }
    }

    @Test
    void pairedTTestOnStudentsSleepData() {
        // Cushny and Peebles' sleep data as analysed by Student (1908): extra hours of sleep, drug 2 minus drug 1.
        double[] drug1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double[] drug2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        PairedTTest.Result r = PairedTTest.test(drug2, drug1);
        // Published result (e.g. R: t.test(extra ~ group, data = sleep, paired = TRUE)): t = 4.0621, df = 9, p = 0.002833.
        assertEquals(4.0621, r.t(), 1e-4);
        assertEquals(9, r.df());
        assertEquals(0.002833, r.pValue(), 1e-6);
        assertEquals(r.pValue(), PairedTTest.test(drug1, drug2).pValue(), 1e-15, "two-sided: symmetric in the order");
        assertEquals(-r.t(), PairedTTest.test(drug1, drug2).t(), 1e-12);
    }

    @Test
    void degenerateInputs() {
        assertEquals(1, PairedTTest.test(new double[] {2, 3}, new double[] {2, 3}).pValue());
        assertEquals(0, PairedTTest.test(new double[] {3, 4}, new double[] {2, 3}).pValue());
        assertTrue(Double.isNaN(PairedTTest.test(new double[] {1}).pValue()));
        assertThrows(IllegalArgumentException.class, () -> PairedTTest.test(new double[2], new double[3]));
        // NaN pairs are dropped: only (1,0) and (3,1) remain.
        assertArrayEquals(new double[] {1, 2}, PairedTTest.differences(new double[] {1, Double.NaN, 3}, new double[] {0, 5, 1}));
    }
}

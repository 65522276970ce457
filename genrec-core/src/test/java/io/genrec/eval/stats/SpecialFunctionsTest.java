package io.genrec.eval.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Special functions against identities with closed forms and tabulated constants. */
class SpecialFunctionsTest {
    @Test
    void logGammaOfIntegersIsLogFactorial() {
        double logFactorial = 0;
        for (int n = 1; n <= 30; n++) {
            assertEquals(logFactorial, SpecialFunctions.logGamma(n), 1e-12 * Math.max(1, logFactorial), "n=" + n);
            logFactorial += Math.log(n);
        }
        assertEquals(Math.log(Math.sqrt(Math.PI)), SpecialFunctions.logGamma(0.5), 1e-13);
        assertEquals(Math.log(Math.sqrt(Math.PI) / 2), SpecialFunctions.logGamma(1.5), 1e-13);
    }

    @Test
    void regularizedBetaClosedForms() {
        for (double x : new double[] {0.01, 0.2, 0.5, 0.77, 0.99}) {
            for (double a : new double[] {0.5, 1, 2.5, 7}) {
                assertEquals(Math.pow(x, a), SpecialFunctions.regularizedBeta(x, a, 1), 1e-13, "I_x(a,1) = x^a, x=" + x + " a=" + a);
                assertEquals(1 - Math.pow(1 - x, a), SpecialFunctions.regularizedBeta(x, 1, a), 1e-13, "I_x(1,b) = 1-(1-x)^b");
                assertEquals(1 - SpecialFunctions.regularizedBeta(1 - x, 3, a), SpecialFunctions.regularizedBeta(x, a, 3), 1e-13, "symmetry");
            }
        }
        assertEquals(0.5, SpecialFunctions.regularizedBeta(0.5, 40, 40), 1e-13);
        assertEquals(0, SpecialFunctions.regularizedBeta(0, 2, 3));
        assertEquals(1, SpecialFunctions.regularizedBeta(1, 2, 3));
    }

    @Test
    void normalTailValues() {
        assertEquals(1, SpecialFunctions.erfc(0), 1e-15);
        assertEquals(0.15729920705028513, SpecialFunctions.erfc(1), 1e-14, "erfc(1) (Abramowitz and Stegun table 7.1)");
        assertEquals(0.975, SpecialFunctions.normalCdf(1.959963984540054), 1e-12);
        assertEquals(0.5, SpecialFunctions.normalCdf(0), 1e-15);
        assertEquals(1 - SpecialFunctions.normalCdf(2.3), SpecialFunctions.normalCdf(-2.3), 1e-15);
    }
}

package io.genrec.experiment;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --implicit auto} decides from the share of values that look like ratings, and says why. */
class ImplicitAutoTest {
    private static Dataset values(float... v) {
        Dataset.Builder b = new Dataset.Builder("t");
        for (int k = 0; k < v.length; k++) b.add("u" + (k % 7), "i" + k, v[k], k);
        return b.build();
    }

    /** 200 ratings 1..5 in half steps, plus extra values. */
    private static float[] ratingsPlus(float... extra) {
        float[] v = new float[200 + extra.length];
        for (int k = 0; k < 200; k++) v[k] = 1f + (k % 9) * 0.5f;
        System.arraycopy(extra, 0, v, 200, extra.length);
        return v;
    }

    @Test
    void oneOutlierDoesNotSwitchAutoOff() {
        ExperimentRunner.ImplicitChoice c = ExperimentRunner.detectImplicit("auto", values(ratingsPlus(1000f)));
        assertEquals(4f, c.threshold(), c.reason());
        assertTrue(c.reason().contains("1 value") && c.reason().contains("1000"), c.reason());
    }

    @Test
    void playCountsStayImplicitAndSaySo() {
        float[] counts = new float[100];
        for (int k = 0; k < counts.length; k++) counts[k] = 1 + (k * 37) % 60;
        ExperimentRunner.ImplicitChoice c = ExperimentRunner.detectImplicit("auto", values(counts));
        assertNull(c.threshold(), c.reason());
        assertTrue(c.reason().contains("outside"), c.reason());
    }

    @Test
    void allOnesAreImplicitAndExplicitChoicesAreEchoed() {
        ExperimentRunner.ImplicitChoice ones = ExperimentRunner.detectImplicit("auto", values(1f, 1f, 1f));
        assertNull(ones.threshold());
        assertTrue(ones.reason().contains("all values are 1"), ones.reason());
        assertNull(ExperimentRunner.detectImplicit("none", values(1f, 5f)).threshold());
        assertEquals(3.5f, ExperimentRunner.detectImplicit("3.5", values(1f, 5f)).threshold());
    }
}

package io.genrec.experiment;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The paired comparisons behind the leaderboard's "Paired comparison with the best model" table, on hand-made values. */
class ComparisonsTest {
    private static final int[] USERS = {0, 1, 2, 3, 4};

    private static ModelResult result(String model, double[] recall, double[] ndcg) {
        Map<String, Double> means = new LinkedHashMap<>();
        means.put("coverage@10", 0.5);
        means.put("recall@10", mean(recall));
        means.put("ndcg@10", mean(ndcg));
        Map<String, double[]> perUser = new LinkedHashMap<>();
        perUser.put("recall@10", recall);
        perUser.put("ndcg@10", ndcg);
        return new ModelResult(model, means, 1, 1, 1, USERS.length, null, List.of(), USERS, perUser);
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    @Test
    void everyModelIsPairedWithTheBestOnTheFirstPerUserMetric() {
        // recall@10 per user; best is "a" (mean 0.6), not the first row. ndcg@10 would pick "c" as best, so using
        // the wrong metric changes the pairs.
        ModelResult b = result("b", new double[] {0.5, 0.5, 0, 0, 0.5}, new double[] {0.9, 0.9, 0.9, 0.9, 0.9});
        ModelResult a = result("a", new double[] {1, 0.5, 0.5, 0, 1}, new double[] {0.1, 0.1, 0.1, 0.1, 0.1});
        ModelResult c = result("c", new double[] {0.2, 0.1, 0.3, 0, 0.4}, new double[] {1, 1, 1, 1, 1});
        // coverage@10 has no per-user values, so the first per-user metric is recall@10
        List<Comparison> out = Comparisons.againstBest(List.of(b, a, c), List.of("coverage@10", "recall@10", "ndcg@10"), 42);
        assertEquals(2, out.size(), "every model but the best");

        Comparison bVsA = out.get(0);
        assertEquals("b", bVsA.model());
        assertEquals("a", bVsA.against());
        assertEquals("recall@10", bVsA.metric());
        // d = b - a = (-0.5, 0, -0.5, 0, -0.5): mean -0.3, sd √(0.30/4) = 0.27386, t = -0.3 / (0.27386/√5) = -2.4495,
        // 4 degrees of freedom: two-sided p = 0.070484 (the value SciPy's ttest_rel gives for these pairs).
        assertEquals(-0.3, bVsA.meanDifference(), 1e-12);
        assertEquals(0.070484, bVsA.pValue(), 1e-6);
        // a bootstrap mean of these differences lies in [min d, max d] = [-0.5, 0] and the interval holds the mean
        assertTrue(bVsA.ciLow() >= -0.5 && bVsA.ciLow() < -0.3 && -0.3 < bVsA.ciHigh() && bVsA.ciHigh() <= 0,
                "interval [" + bVsA.ciLow() + ", " + bVsA.ciHigh() + "]");

        Comparison cVsA = out.get(1);
        assertEquals("c", cVsA.model());
        assertEquals("a", cVsA.against());
        // d = (-0.8, -0.4, -0.2, 0, -0.6): mean -0.4, t = -2.8284, p = 0.047421 (SciPy ttest_rel)
        assertEquals(-0.4, cVsA.meanDifference(), 1e-12);
        assertEquals(0.047421, cVsA.pValue(), 1e-6);
        assertTrue(cVsA.ciLow() >= -0.8 && cVsA.ciLow() < -0.4 && -0.4 < cVsA.ciHigh() && cVsA.ciHigh() <= 0,
                "interval [" + cVsA.ciLow() + ", " + cVsA.ciHigh() + "]");
        assertEquals(out, Comparisons.againstBest(List.of(b, a, c), List.of("coverage@10", "recall@10", "ndcg@10"), 42),
                "seeded bootstrap");
    }

    @Test
    void nothingToCompareWithOneModelOrNoPerUserMetric() {
        ModelResult a = result("a", new double[] {1, 0, 1, 0, 1}, new double[] {1, 0, 1, 0, 1});
        ModelResult b = result("b", new double[] {0, 0, 1, 0, 1}, new double[] {0, 0, 1, 0, 1});
        assertTrue(Comparisons.againstBest(List.of(a), List.of("recall@10"), 1).isEmpty());
        assertTrue(Comparisons.againstBest(List.of(a, b), List.of("coverage@10"), 1).isEmpty());
    }
}

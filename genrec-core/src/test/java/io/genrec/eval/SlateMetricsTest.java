package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hand-computed slate metrics. Training users: u0 {0,1}, u1 {0,1,2}, u2 {2,3}, so the items' user sets are
 * 0:{u0,u1}, 1:{u0,u1}, 2:{u1,u2}, 3:{u2}, 4:{} and the cosine similarities |U(a)∩U(b)|/sqrt(|U(a)||U(b)|) are
 * cos(0,1) = 2/sqrt(2·2) = 1, cos(0,2) = cos(1,2) = 1/sqrt(2·2) = 1/2, cos(2,3) = 1/sqrt(2·1), cos(0,3) = 0.
 */
class SlateMetricsTest {
    private static final double EPS = 1e-12;
    private final IdMap users = EvalFixtures.ids("u", 3), items = EvalFixtures.ids("i", 5);
    private final Dataset train = EvalFixtures.dataset("train", users, items, null, new int[][] {{0, 1}, {0, 1, 2}, {2, 3}});
    private final Dataset targets = EvalFixtures.dataset("targets", users, items, null, new int[][] {{2, 3}, {4}, {0}});

    @Test
    void handComputedSlates() {
        int[][] slates = {{2, 0, 3}, {0, 1}, {0, 0, 1}};
        SlateMetrics.Result r = SlateMetrics.evaluate(slates, new int[] {0, 1, 2}, 3, targets, train);
        // u0: targets 2 and 3 in the slate; u1: none; u2: item 0 once (the repeat counts once).
        assertArrayEquals(new double[] {1, 0, 1}, r.perUserHit(), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 0.0 / 3, 1.0 / 3}, r.perUserPrecision(), EPS);
        double u0Diversity = ((1 - 0.5) + (1 - 1 / Math.sqrt(2)) + (1 - 0)) / 3; // pairs (2,0), (2,3), (0,3)
        double u1Diversity = 1 - 1.0;                                          // pair (0,1)
        double u2Diversity = ((1 - 1.0) + (1 - 1.0) + (1 - 1.0)) / 3;           // pairs (0,0), (0,1), (0,1)
        assertArrayEquals(new double[] {u0Diversity, u1Diversity, u2Diversity}, r.perUserDiversity(), EPS);
        assertEquals((1 + 0 + 1) / 3.0, r.hitRate(), EPS);
        assertEquals((2.0 / 3 + 0 + 1.0 / 3) / 3, r.precision(), EPS);
        assertEquals((u0Diversity + u1Diversity + u2Diversity) / 3, r.diversity(), EPS);
        assertEquals(1, r.duplicates(), "u2's second 0 is the only repeat");
        assertEquals(3, r.users());
    }

    @Test
    void singleItemSlateHasUndefinedDiversityThatIsSkipped() {
        SlateMetrics.Result r = SlateMetrics.evaluate(new int[][] {{4}, {3, 4}}, new int[] {1, 0}, 2, targets, train);
        assertTrue(Double.isNaN(r.perUserDiversity()[0]));
        assertEquals(1 - 0.0, r.diversity(), EPS, "only u0's slate {3,4} counts: cos(3,4) = 0 (item 4 has no users)");
        assertArrayEquals(new double[] {1, 1}, r.perUserHit(), EPS);
        assertArrayEquals(new double[] {1.0 / 2, 1.0 / 2}, r.perUserPrecision(), EPS);
        assertEquals(0, r.duplicates());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> SlateMetrics.evaluate(new int[][] {{0}}, new int[] {0, 1}, 1, targets, train));
        var e = assertThrows(IllegalArgumentException.class, () -> SlateMetrics.evaluate(new int[][] {{7}}, new int[] {0}, 1, targets, train));
        assertTrue(e.getMessage().contains("7"));
    }
}

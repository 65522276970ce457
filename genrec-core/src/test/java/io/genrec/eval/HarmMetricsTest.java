package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.ItemCatalog;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The popularity-bias, exposure and calibration metrics on a 3-user, 6-item example computed by hand.
 *
 * <p>Training data: u0 {i0,i1,i2}, u1 {i0,i1}, u2 {i0,i3}. Popularity (distinct users): i0 3, i1 2, i2 1, i3 1,
 * i4 0, i5 0; total 7, 20% = 1.4. Sorted by popularity: i0 (before 0 < 1.4: head), i1 (before 3; from here 4 > 1.4:
 * mid), i2 (from here 2: mid), i3 (from here 1 <= 1.4: tail), i4, i5 (0: tail). So head {i0}, mid {i1,i2},
 * tail {i3,i4,i5}. Seen items are not excluded, so the scores below give the top-2 lists u0 [i0,i3], u1 [i2,i3],
 * u2 [i0,i1]. Categories: i0 A, i1 A+B, i2 B, i3 C, i4 none, i5 C.
 */
class HarmMetricsTest {
    static final int[][] TRAIN = {{0, 1, 2}, {0, 1}, {0, 3}};
    static final int[][] TARGETS = {{3}, {5}, {2}};
    static final float[][] SCORES = {{6, 1, 1, 5, 0, 0}, {0, 0, 6, 5, 1, 1}, {6, 5, 0, 0, 1, 1}};

    static EvaluationResult eval(List<String> metrics, boolean withCategories) {
        IdMap items = EvalFixtures.ids("i", 6), users = EvalFixtures.ids("u", 3);
        ItemCatalog catalog = withCategories ? EvalFixtures.categories(items,
                List.of(List.of("A"), List.of("A", "B"), List.of("B"), List.of("C"), List.of(), List.of("C"))) : null;
        Dataset train = EvalFixtures.dataset("train", users, items, catalog, TRAIN);
        EvalSet set = new EvalSet("test", train, EvalFixtures.dataset("targets", users, items, catalog, TARGETS));
        return new Evaluator(metrics, 1, null, false).evaluate(new EvalFixtures.FixedScores(SCORES), set, train, null);
    }

    static void assertPerUser(EvaluationResult r, String metric, double... expected) {
        assertArrayEquals(expected, r.perUser().get(metric), 1e-12, metric);
        double mean = 0;
        for (double v : expected) mean += v / expected.length;
        assertEquals(mean, r.metric(metric), 1e-12, metric);
    }

    @Test
    void bucketsFollowTheCumulativeTwentyPercentSplit() {
        PopularityBuckets b = new PopularityBuckets(new int[] {3, 2, 1, 1, 0, 0});
        byte[] expected = {PopularityBuckets.HEAD, PopularityBuckets.MID, PopularityBuckets.MID, PopularityBuckets.TAIL,
                PopularityBuckets.TAIL, PopularityBuckets.TAIL};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], b.bucket(i), "item " + i);
        // Catalogue: 1, 2, 3 of 6 items; training interactions: 3, 3, 1 of 7.
        assertArrayEquals(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, b.catalogueShare(), 1e-12);
        assertArrayEquals(new double[] {3 / 7.0, 3 / 7.0, 1 / 7.0}, b.trainShare(), 1e-12);
    }

    @Test
    void exposureShares() {
        EvaluationResult r = eval(List.of("headshare@2", "midshare@2", "tailshare@2"), false);
        // u0 [i0 head, i3 tail], u1 [i2 mid, i3 tail], u2 [i0 head, i1 mid].
        assertPerUser(r, "headshare@2", 0.5, 0, 0.5);
        assertPerUser(r, "midshare@2", 0, 0.5, 0.5);
        assertPerUser(r, "tailshare@2", 0.5, 0.5, 0);
    }

    @Test
    void popularityLiftAgainstTheProfile() {
        EvaluationResult r = eval(List.of("poplift@2"), false);
        // Profile popularity: u0 (3+2+1)/3 = 2, u1 (3+2)/2 = 2.5, u2 (3+1)/2 = 2.
        // List popularity: u0 (3+1)/2 = 2, u1 (1+1)/2 = 1, u2 (3+2)/2 = 2.5. Lift = (list - profile) / profile.
        assertPerUser(r, "poplift@2", 0, (1 - 2.5) / 2.5, (2.5 - 2) / 2);
    }

    @Test
    void longTailCoverageAndExposureGini() {
        EvaluationResult r = eval(List.of("ltcoverage@2", "gini@2"), false);
        // Long tail = {i1..i5}; recommended at least once: i1, i2, i3 → 3/5.
        assertEquals(3 / 5.0, r.metric("ltcoverage@2"), 1e-12);
        // Exposure counts i0 2, i1 1, i2 1, i3 2, i4 0, i5 0; sorted 0,0,1,1,2,2 (sum 6, n 6):
        // sum (2j-7) c(j) = (-5)0 + (-3)0 + (-1)1 + (1)1 + (3)2 + (5)2 = 16 → 16 / 36.
        assertEquals(16 / 36.0, r.metric("gini@2"), 1e-12);
    }

    @Test
    void miscalibrationIsStecksSmoothedKl() {
        EvaluationResult r = eval(List.of("miscal@2"), true);
        // u0: p = (A .5, B .5) from i0 A, i1 A/B, i2 B; list i0 A, i3 C: q = (A .5, C .5);
        //     q~ = .99 q + .01 p: A .5, B .005 → KL = .5 ln(.5/.5) + .5 ln(.5/.005) = .5 ln 100.
        // u1: p = (A .75, B .25); list i2 B, i3 C: q = (B .5, C .5); q~: A .0075, B .495 + .0025 = .4975
        //     → KL = .75 ln(.75/.0075) + .25 ln(.25/.4975).
        // u2: p = (A .5, C .5); list i0 A, i1 A/B: q = (A .75, B .25); q~: A .7425 + .005 = .7475, C .005
        //     → KL = .5 ln(.5/.7475) + .5 ln(.5/.005).
        assertPerUser(r, "miscal@2", 0.5 * Math.log(100), 0.75 * Math.log(100) + 0.25 * Math.log(0.25 / 0.4975),
                0.5 * Math.log(0.5 / 0.7475) + 0.5 * Math.log(100));
    }

    @Test
    void perfectlyCalibratedListScoresZero() {
        // u1's profile is (A .75, B .25); a list i0 (A), i1 (A/B) has q = (A .75, B .25) = p, so q~ = p and KL = 0.
        IdMap items = EvalFixtures.ids("i", 6), users = EvalFixtures.ids("u", 3);
        ItemCatalog catalog = EvalFixtures.categories(items,
                List.of(List.of("A"), List.of("A", "B"), List.of("B"), List.of("C"), List.of(), List.of("C")));
        Dataset train = EvalFixtures.dataset("train", users, items, catalog, TRAIN);
        EvalSet set = new EvalSet("test", train, EvalFixtures.dataset("targets", users, items, catalog, TARGETS));
        float[][] scores = {{6, 5, 0, 0, 0, 0}, {6, 5, 0, 0, 0, 0}, {6, 5, 0, 0, 0, 0}};
        EvaluationResult r = new Evaluator(List.of("miscal@2"), 1, null, false).evaluate(new EvalFixtures.FixedScores(scores), set, train, null);
        assertEquals(0, r.perUser().get("miscal@2")[1], 1e-12);
    }

    @Test
    void miscalibrationWithoutCategoriesIsAnErrorNamingTheData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval(List.of("miscal@2"), false));
        assertTrue(e.getMessage().contains("'train'") && e.getMessage().contains("categories"), e.getMessage());
    }

    @Test
    void newMetricNamesParse() {
        for (String m : List.of("headshare@5", "midshare@5", "tailshare@5", "poplift@5", "miscal@5", "ltcoverage@5"))
            assertEquals(5, MetricSpec.parse(m).k(), m);
        assertThrows(IllegalArgumentException.class, () -> MetricSpec.parse("miscal"));
        assertTrue(MetricSpec.parse("ltcoverage@3").ranked() && !MetricSpec.parse("ltcoverage@3").perUser());
        assertTrue(MetricSpec.parse("poplift@3").perUser());
    }
}

package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.ItemCatalog;
import io.genrec.model.ProgressListener;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every metric through the {@link Evaluator} on a hand-built case, the expected value written as its formula.
 *
 * <p>Items i0..i5, users u0..u3. Training data = history = exclusions: u0 {i0}, u1 {i0,i1}, u2 {i0,i1,i2}, u3 {}
 * (so 3 active training users; i0 has 3 users, i1 2, i2 1, i3..i5 none). Targets: u0 {i2,i4}, u1 {i3}, u2 {i5},
 * u3 none (not evaluated). Scores: u0 [10,5,4,3,2,2] gives the ranking i1,i2,i3,i4,i5 (i0 excluded, the tie between
 * i4 and i5 goes to the lower id), hits at ranks 2 and 4; u1 [0,0,1,2,3,4] gives i5,i4,i3,i2 (hit at rank 3);
 * u2 [0,0,0,1,1,1] gives i3,i4,i5 (hit at rank 3).
 */
class HandComputedMetricsTest {
    static final double EPS = 1e-12;
    static final float[][] SCORES = {{10, 5, 4, 3, 2, 2}, {0, 0, 1, 2, 3, 4}, {0, 0, 0, 1, 1, 1}, {0, 0, 0, 0, 0, 0}};
    static final int[][] HISTORY = {{0}, {0, 1}, {0, 1, 2}, {}};
    static final int[][] TARGETS = {{2, 4}, {3}, {5}, {}};

    static double log2(double x) { return Math.log(x) / Math.log(2); }

    private static EvalSet set(ItemCatalog catalog, float[][] targetValues) {
        IdMap users = EvalFixtures.ids("u", 4), items = EvalFixtures.ids("i", 6);
        Dataset history = EvalFixtures.dataset("train", users, items, catalog, HISTORY);
        return new EvalSet("test", history, EvalFixtures.dataset("targets", users, items, catalog, TARGETS, targetValues));
    }

    private static EvaluationResult eval(List<String> metrics) {
        EvalSet s = set(null, null);
        return new Evaluator(metrics, 1).evaluate(new EvalFixtures.FixedScores(SCORES), s, s.history(), ProgressListener.NONE);
    }

    /** Asserts the per-user values (u0, u1, u2) and that the reported metric is their mean. */
    private static void assertPerUser(EvaluationResult r, String metric, double u0, double u1, double u2) {
        double[] v = r.perUser().get(metric);
        assertArrayEquals(new int[] {0, 1, 2}, r.users());
        assertEquals(u0, v[0], EPS, metric + " of u0");
        assertEquals(u1, v[1], EPS, metric + " of u1");
        assertEquals(u2, v[2], EPS, metric + " of u2");
        assertEquals((u0 + u1 + u2) / 3, r.metric(metric), EPS, metric + " mean");
    }

    @Test
    void recallPrecisionHit() {
        EvaluationResult r = eval(List.of("recall@1", "recall@2", "recall@4", "precision@2", "precision@4", "hit@1",
                "hit@2", "HitRate@3", "truncrecall@1", "truncrecall@3"));
        assertPerUser(r, "recall@1", 0, 0, 0);
        assertPerUser(r, "recall@2", 1 / 2.0, 0, 0);
        assertPerUser(r, "recall@4", 2 / 2.0, 1 / 1.0, 1 / 1.0);
        assertPerUser(r, "precision@2", 1 / 2.0, 0, 0);
        // u2 has only 3 candidates: precision keeps the denominator k.
        assertPerUser(r, "precision@4", 2 / 4.0, 1 / 4.0, 1 / 4.0);
        assertPerUser(r, "hit@1", 0, 0, 0);
        assertPerUser(r, "hit@2", 1, 0, 0);
        assertPerUser(r, "HitRate@3", 1, 1, 1);
        assertPerUser(r, "truncrecall@1", 0 / Math.min(1.0, 2), 0, 0);
        assertPerUser(r, "truncrecall@3", 1 / Math.min(3.0, 2), 1 / Math.min(3.0, 1), 1 / Math.min(3.0, 1));
    }

    @Test
    void ndcgMrrMap() {
        EvaluationResult r = eval(List.of("ndcg@3", "ndcg@5", "mrr", "mrr@2", "map@3", "map@5"));
        double idcg2 = 1 / log2(2) + 1 / log2(3), idcg1 = 1 / log2(2);
        assertPerUser(r, "ndcg@3", (1 / log2(3)) / idcg2, (1 / log2(4)) / idcg1, (1 / log2(4)) / idcg1);
        assertPerUser(r, "ndcg@5", (1 / log2(3) + 1 / log2(5)) / idcg2, (1 / log2(4)) / idcg1, (1 / log2(4)) / idcg1);
        assertPerUser(r, "mrr", 1 / 2.0, 1 / 3.0, 1 / 3.0);
        assertPerUser(r, "mrr@2", 1 / 2.0, 0, 0);
        assertPerUser(r, "map@3", (1 / 2.0) / Math.min(3, 2), (1 / 3.0) / 1, (1 / 3.0) / 1);
        assertPerUser(r, "map@5", (1 / 2.0 + 2 / 4.0) / Math.min(5, 2), (1 / 3.0) / 1, (1 / 3.0) / 1);
    }

    @Test
    void auc() {
        // u0: candidates i1..i5, targets i2 (4) and i4 (2), non-targets i1 (5), i3 (3), i5 (2):
        //   i2 beats i3 and i5; i4 ties i5 -> (2 + 0.5) / (2*3).
        // u1: candidates i2..i5, target i3 (2) beats i2 (1) only -> 1/3.
        // u2: candidates i3..i5 all scored 1, target i5 ties both -> (0.5 + 0.5) / 2.
        assertPerUser(eval(List.of("auc")), "auc", 2.5 / 6, 1 / 3.0, 1.0 / 2);
    }

    @Test
    void coverageAndGini() {
        EvaluationResult r = eval(List.of("coverage@2", "gini@2", "coverage@1"));
        // top-2 lists: u0 [i1,i2], u1 [i5,i4], u2 [i3,i4]: exposure i0..i5 = 0,1,1,1,2,1.
        assertEquals(5 / 6.0, r.metric("coverage@2"), EPS);
        // sorted exposure 0,1,1,1,1,2 (n=6, total 6): sum (2j-7) c_j = -3 -1 +1 +3 +5*2.
        assertEquals((-3 - 1 + 1 + 3 + 10) / (6.0 * 6), r.metric("gini@2"), EPS);
        assertEquals(3 / 6.0, r.metric("coverage@1"), EPS);
        assertFalse(r.perUser().containsKey("coverage@2"), "coverage is an aggregate, not per user");
    }

    @Test
    void noveltyArpAndCosineIld() {
        EvaluationResult r = eval(List.of("novelty@2", "arp@2", "ild@2"));
        // p(i) = training users of i / 3 active users; items nobody saw count as seen by one user.
        DoubleUnaryOperator info = users -> -log2(Math.max(users, 1) / 3.0);
        assertPerUser(r, "novelty@2", (info.applyAsDouble(2) + info.applyAsDouble(1)) / 2,
                (info.applyAsDouble(0) + info.applyAsDouble(0)) / 2, (info.applyAsDouble(0) + info.applyAsDouble(0)) / 2);
        assertPerUser(r, "arp@2", (2 + 1) / 2.0, 0, 0);
        // No categories: cosine of training user vectors; i1 {u1,u2}, i2 {u2}; items without users have similarity 0.
        assertPerUser(r, "ild@2", 1 - 1 / Math.sqrt(2 * 1), 1, 1);
    }

    @Test
    void categoryIld() {
        IdMap items = EvalFixtures.ids("i", 6);
        ItemCatalog catalog = EvalFixtures.categories(items,
                List.of(List.of("A"), List.of("A", "B"), List.of("B"), List.of("C"), List.of(), List.of()));
        IdMap users = EvalFixtures.ids("u", 4);
        Dataset history = EvalFixtures.dataset("train", users, items, catalog, HISTORY);
        EvalSet s = new EvalSet("test", history, EvalFixtures.dataset("targets", users, items, catalog, TARGETS));
        EvaluationResult r = new Evaluator(List.of("ild@3"), 1).evaluate(new EvalFixtures.FixedScores(SCORES), s, history, null);
        // u0 top-3 [i1,i2,i3]: Jaccard({A,B},{B}) = 1/2, the other pairs share nothing.
        // u1 [i5,i4,i3], u2 [i3,i4,i5]: no shared categories (two empty sets count as similarity 0).
        assertPerUser(r, "ild@3", ((1 - 0.5) + 1 + 1) / 3, 1, 1);
    }

    @Test
    void rmseAndMaePooledOverTargetRatings() {
        float[][] values = {{5, 1}, {3}, {3}, {}};
        EvalSet s = set(null, values);
        EvaluationResult r = new Evaluator(List.of("rmse", "mae"), 2)
                .evaluate(new EvalFixtures.FixedRatings(SCORES), s, null, null);
        // predictions: u0 i2 4 (err -1), i4 2 (+1); u1 i3 2 (-1); u2 i5 1 (-2).
        assertEquals(Math.sqrt((1 + 1 + 1 + 4) / 4.0), r.metric("rmse"), EPS);
        assertEquals((1 + 1 + 1 + 2) / 4.0, r.metric("mae"), EPS);
    }

    @Test
    void ratingMetricOnRankingModelNamesModelAndMetric() {
        EvalSet s = set(null, null);
        var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(List.of("ndcg@2", "mae"), 1)
                .evaluate(new EvalFixtures.FixedScores(SCORES), s, null, null));
        assertTrue(e.getMessage().contains("'fixed'") && e.getMessage().contains("'mae'")
                && e.getMessage().contains("RATING_PREDICTION"), e.getMessage());
    }

    @Test
    void excludedTargetIsNeverAHit() {
        // u0's best-scored item i0 is both a target and excluded: it must not count, though it stays in |T|.
        IdMap users = EvalFixtures.ids("u", 1), items = EvalFixtures.ids("i", 4);
        Dataset history = EvalFixtures.dataset("h", users, items, null, new int[][] {{0}});
        EvalSet s = new EvalSet("t", history, EvalFixtures.dataset("t", users, items, null, new int[][] {{0, 2}}));
        EvaluationResult r = new Evaluator(List.of("recall@3", "hit@1", "mrr"), 1)
                .evaluate(new EvalFixtures.FixedScores(new float[][] {{9, 3, 2, 1}}), s, null, null);
        assertEquals(1 / 2.0, r.metric("recall@3"), EPS);
        assertEquals(0, r.metric("hit@1"), EPS);
        assertEquals(1 / 2.0, r.metric("mrr"), EPS);
    }

    @Test
    void aucUndefinedWithoutNonTargetsIsLeftOutOfTheMean() {
        IdMap users = EvalFixtures.ids("u", 2), items = EvalFixtures.ids("i", 3);
        // u0: every candidate is a target (AUC undefined); u1: target i0 scored above i1 and i2.
        Dataset history = EvalFixtures.dataset("h", users, items, null, new int[][] {{0}, {}});
        EvalSet s = new EvalSet("t", history, EvalFixtures.dataset("t", users, items, null, new int[][] {{1, 2}, {0}}));
        EvaluationResult r = new Evaluator(List.of("auc"), 1)
                .evaluate(new EvalFixtures.FixedScores(new float[][] {{0, 1, 2}, {3, 2, 1}}), s, null, null);
        assertTrue(Double.isNaN(r.perUser().get("auc")[0]));
        assertEquals(1.0, r.metric("auc"), EPS);
    }

    @Test
    void nanScoreIsAnErrorNamingModelUserAndItem() {
        EvalSet s = set(null, null);
        float[][] bad = {{1, 2, Float.NaN, 0, 0, 0}, SCORES[1], SCORES[2], SCORES[3]};
        var e = assertThrows(IllegalStateException.class, () -> new Evaluator(List.of("ndcg@2"), 1)
                .evaluate(new EvalFixtures.FixedScores(bad), s, null, null));
        assertTrue(e.getMessage().contains("fixed") && e.getMessage().contains("u0") && e.getMessage().contains("i2"), e.getMessage());
    }

    @Test
    void progressReachesTheTotal() {
        EvalSet s = set(null, null);
        long[] last = new long[2];
        new Evaluator(List.of("ndcg@2"), 1).evaluate(new EvalFixtures.FixedScores(SCORES), s, null,
                (stage, done, total, detail) -> {
                    assertEquals("eval", stage);
                    last[0] = done;
                    last[1] = total;
                });
        assertEquals(3, last[0]);
        assertEquals(3, last[1]);
    }

    @Test
    void quickValidationEqualsEvaluatorNdcg() {
        EvalSet s = set(null, null);
        var model = new EvalFixtures.FixedScores(SCORES);
        double full = new Evaluator(List.of("ndcg@3"), 1).evaluate(model, s, null, null).metric("ndcg@3");
        assertEquals(full, QuickValidation.ndcg(model, s, 3, 0), EPS);
        // maxUsers 1 takes every third user: u0 only.
        assertEquals((1 / log2(3)) / (1 / log2(2) + 1 / log2(3)), QuickValidation.ndcg(model, s, 3, 1), EPS);
    }
}

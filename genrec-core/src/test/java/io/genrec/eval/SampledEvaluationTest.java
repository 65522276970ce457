package io.genrec.eval;

import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Sampled-candidates evaluation ({@link SampledCandidates}): hand-computed ranks, sampling, determinism, labels. */
class SampledEvaluationTest {
    private static final double EPS = 1e-12;

    /**
     * 8 items. User 0: history {0, 1}, target {2}. User 1: history {3, 4, 5}, target {0}. Popularity in the history:
     * items 0, 1, 3, 4, 5 once each; 2, 6, 7 never. By popularity, user 0's only eligible negatives are {3, 4, 5};
     * uniformly, {3, 4, 5, 6, 7}.
     */
    private static final EvalSet SET = EvalFixtures.evalSet(8, new int[][] {{0, 1}, {3, 4, 5}}, new int[][] {{2}, {0}});
    /** Items 6 and 7 outscore everything; the target (item 2, score 0.5) is below 3 (0.7) and 5 (0.6), above 4 (0.1). */
    private static final float[][] SCORES = {
            {9f, 8f, 0.5f, 0.7f, 0.1f, 0.6f, 10f, 10f},
            {0.9f, 0f, 0f, 0f, 0f, 0f, 0f, 0f}};
    /** Only user 0 is evaluated in the hand-computed cases (user 1 just adds popularity). */
    private static final int[] USER_0 = {0};
    private static final List<String> METRICS = List.of("hit@2", "hit@3", "ndcg@3", "mrr", "auc", "recall@10");

    private static Map<String, double[]> perUser(SampledCandidates sampled) {
        return new Evaluator(METRICS, 1, sampled).evaluate(new EvalFixtures.FixedScores(SCORES), SET, null, USER_0, null).perUser();
    }

    private static double user0(Map<String, double[]> perUser, String metric, SampledCandidates s) {
        return perUser.get(s == null ? metric : s.labelled(MetricSpec.parse(metric)))[0];
    }

    @Test
    void targetIsRankedAmongItsSampledCandidatesOnly() {
        // Popularity, 3 negatives: candidates {2, 3, 4, 5}; the target is 3rd (behind 3 and 5).
        SampledCandidates pop = new SampledCandidates(3, SampledCandidates.Sampling.POPULARITY, 1);
        Map<String, double[]> p = perUser(pop);
        assertEquals(0, user0(p, "hit@2", pop), EPS);
        assertEquals(1, user0(p, "hit@3", pop), EPS);
        assertEquals(1 / (Math.log(4) / Math.log(2)), user0(p, "ndcg@3", pop), EPS); // 1/log2(3+1) = 0.5
        assertEquals(1 / 3.0, user0(p, "mrr", pop), EPS);
        assertEquals(1 / 3.0, user0(p, "auc", pop), EPS); // beats item 4 only, of 3 negatives
        assertEquals(1, user0(p, "recall@10", pop), EPS);
        // Uniform, 5 negatives: every unseen item {3..7} is a candidate; the target is 5th (behind 6, 7, 3, 5).
        SampledCandidates uni = new SampledCandidates(5, SampledCandidates.Sampling.UNIFORM, 1);
        Map<String, double[]> u = perUser(uni);
        assertEquals(0.2, user0(u, "mrr", uni), EPS);
        assertEquals(0.2, user0(u, "auc", uni), EPS); // beats item 4 only, of 5 negatives
        // That is exactly full ranking, which also ranks the target 5th among the unseen items.
        assertEquals(0.2, user0(perUser(null), "mrr", null), EPS);
    }

    @Test
    void tooFewEligibleItemsNamesTheUser() {
        SampledCandidates pop = new SampledCandidates(4, SampledCandidates.Sampling.POPULARITY, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> perUser(pop));
        assertTrue(e.getMessage().contains("'u0'") && e.getMessage().contains("only 3") && e.getMessage().contains("4"), e.getMessage());
    }

    @Test
    void candidateCountAtLeastTheCatalogueIsAnErrorNamingTheValue() {
        for (int n : new int[] {8, 9}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> perUser(new SampledCandidates(n, SampledCandidates.Sampling.UNIFORM, 1)));
            assertTrue(e.getMessage().contains(n + " negatives") && e.getMessage().contains("8 items"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SampledCandidates(0, SampledCandidates.Sampling.UNIFORM, 1));
        var bad = assertThrows(IllegalArgumentException.class, () -> SampledCandidates.Sampling.parse("popular"));
        assertTrue(bad.getMessage().contains("'popular'"), bad.getMessage());
    }

    /** 300 users over 200 items, 5-40 history items and 1-3 targets each, from a fixed seed. */
    private static EvalSet randomSet() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        int users = 300, items = 200;
        int[][] history = new int[users][], targets = new int[users][];
        for (int u = 0; u < users; u++) {
            int[] perm = new int[items];
            for (int i = 0; i < items; i++) perm[i] = i;
            for (int i = items - 1; i > 0; i--) {
                int j = r.nextInt(i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t;
            }
            int h = 5 + r.nextInt(36), t = 1 + r.nextInt(3);
            history[u] = Arrays.copyOfRange(perm, 0, h);
            targets[u] = Arrays.copyOfRange(perm, h, h + t);
        }
        return EvalFixtures.evalSet(items, history, targets);
    }

    @Test
    void negativesAreDistinctUnseenNonTargetItems() {
        EvalSet set = randomSet();
        for (SampledCandidates.Sampling sampling : SampledCandidates.Sampling.values()) {
            SampledCandidates s = new SampledCandidates(100, sampling, 5);
            NegativeSampler sampler = new NegativeSampler(s, set, NegativeSampler.weights(s, set));
            ItemMarks excluded = new ItemMarks(200), targets = new ItemMarks(200);
            for (int u = 0; u < set.history().numUsers(); u++) {
                excluded.clear();
                targets.clear();
                for (int i : set.targets().itemsOf(u)) targets.add(i);
                int[] neg = sampler.sample(u, excluded, targets);
                assertEquals(100, neg.length);
                assertEquals(100, Arrays.stream(neg).distinct().count(), "user " + u + " got a repeated negative");
                for (int i : neg) {
                    for (int h : set.history().itemsOf(u)) assertNotEquals(h, i, sampling + ": user " + u + " got a history item");
                    assertFalse(targets.contains(i), sampling + ": user " + u + " got a target as negative");
                }
            }
        }
    }

    @Test
    void popularitySamplingFollowsPopularity() {
        // 2000 users share a history in which item 0 has popularity 9 and item 1 popularity 1 (users 0-8 saw 0,
        // user 9 saw 1); every other user has targets {2} only, so its eligible negatives are {0, 1} (item 3 has
        // popularity 0). With one negative, item 0 must be drawn with probability 9/10.
        int users = 2000;
        int[][] history = new int[users][], targets = new int[users][];
        for (int u = 0; u < users; u++) {
            history[u] = u < 9 ? new int[] {0} : u == 9 ? new int[] {1} : new int[0];
            targets[u] = new int[] {2};
        }
        EvalSet set = EvalFixtures.evalSet(4, history, targets);
        SampledCandidates s = new SampledCandidates(1, SampledCandidates.Sampling.POPULARITY, 3);
        NegativeSampler sampler = new NegativeSampler(s, set, NegativeSampler.weights(s, set));
        ItemMarks excluded = new ItemMarks(4), tg = new ItemMarks(4);
        int zero = 0;
        for (int u = 10; u < users; u++) {
            excluded.clear();
            tg.clear();
            tg.add(2);
            if (sampler.sample(u, excluded, tg)[0] == 0) zero++;
        }
        double share = zero / (double) (users - 10);
        assertEquals(0.9, share, 0.03, "share of the popular item among 1990 draws"); // 4.5 standard errors
    }

    @Test
    void resultsDoNotDependOnThreadsAndRepeatExactly() {
        EvalSet set = randomSet();
        var model = new EvalFixtures.RandomScores(200, 9, 0);
        List<String> metrics = List.of("ndcg@10", "recall@10", "mrr", "auc");
        for (SampledCandidates.Sampling sampling : SampledCandidates.Sampling.values()) {
            SampledCandidates s = new SampledCandidates(100, sampling, 42);
            EvaluationResult one = new Evaluator(metrics, 1, s).evaluate(model, set, null, null);
            for (int threads : new int[] {1, 2, 4}) {
                EvaluationResult many = new Evaluator(metrics, threads, s).evaluate(model, set, null, null);
                assertEquals(one.metrics(), many.metrics(), sampling + ", " + threads + " threads");
                for (String m : one.perUser().keySet())
                    assertArrayEquals(one.perUser().get(m), many.perUser().get(m), sampling + " " + m + ", " + threads + " threads");
            }
            EvaluationResult otherSeed = new Evaluator(metrics, 1, new SampledCandidates(100, sampling, 43)).evaluate(model, set, null, null);
            assertFalse(Arrays.equals(one.perUser().get(s.labelled(MetricSpec.parse("auc"))),
                    otherSeed.perUser().get(new SampledCandidates(100, sampling, 43).labelled(MetricSpec.parse("auc")))),
                    "another seed must draw other negatives");
            double full = new Evaluator(metrics, 1).evaluate(model, set, null, null).metric("ndcg@10");
            assertTrue(one.metric(s.labelled(MetricSpec.parse("ndcg@10"))) > full,
                    "fewer candidates than the catalogue must rank targets higher on average for random scores");
        }
    }

    @Test
    void everyRankingMetricIsLabelledAndPlainNamesAreGone() {
        SampledCandidates s = new SampledCandidates(3, SampledCandidates.Sampling.POPULARITY, 1);
        Evaluator ev = new Evaluator(List.of("recall@10", "ndcg@3", "rmse"), 1, s);
        assertEquals(List.of("recall@10 (sampled: 3 popularity negatives)", "ndcg@3 (sampled: 3 popularity negatives)", "rmse"),
                ev.metricNames());
        EvaluationResult r = new Evaluator(List.of("recall@10", "ndcg@3"), 1, s)
                .evaluate(new EvalFixtures.FixedScores(SCORES), SET, null, USER_0, null);
        assertEquals(List.of("recall@10 (sampled: 3 popularity negatives)", "ndcg@3 (sampled: 3 popularity negatives)"),
                List.copyOf(r.metrics().keySet()));
        assertEquals(r.metrics().keySet(), r.perUser().keySet());
        assertThrows(IllegalArgumentException.class, () -> r.metric("recall@10"), "an unlabelled lookup must not find a sampled value");
    }
}

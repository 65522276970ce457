package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Property tests over seeded random eval sets and scores (with and without ties): the evaluator equals a plain
 * reference that sorts all items, values stay in range, thread count does not matter, excluded items never count,
 * and a perfect model scores 1. Every assertion message names the seed.
 */
class EvaluatorPropertyTest {
    static final long[] SEEDS = {1, 2, 3, 17, 4242};
    static final int USERS = 130, ITEMS = 50; // > 128 users: the cosine bitsets span three words
    static final List<String> METRICS = List.of("recall@1", "recall@5", "recall@60", "truncrecall@5", "precision@5",
            "precision@60", "hit@5", "ndcg@1", "ndcg@5", "ndcg@60", "mrr", "mrr@5", "map@5", "map@60", "auc",
            "coverage@5", "gini@5", "novelty@5", "arp@5", "ild@5", "ild@12");
    static final Set<String> UNIT_RANGE = Set.of("recall", "truncrecall", "precision", "hit", "ndcg", "mrr", "map",
            "auc", "coverage", "gini", "ild");

    private static EvalSet data(long seed) { return EvalFixtures.randomEvalSet(USERS, ITEMS, 20, 12, seed); }

    @Test
    void fastPathEqualsSortingReference() {
        for (long seed : SEEDS) {
            for (int levels : new int[] {0, 7}) {
                for (double never : new double[] {0, 0.6}) {
                    EvalSet set = data(seed);
                    FittedRecommender model = new EvalFixtures.RandomScores(ITEMS, seed, levels, never);
                    EvaluationResult r = new Evaluator(METRICS, 2).evaluate(model, set, set.history(), ProgressListener.NONE);
                    Map<String, Double> expected = Reference.evaluate(model, set, set.history(), METRICS);
                    for (String m : METRICS)
                        assertEquals(expected.get(m), r.metric(m), 1e-9,
                                "seed " + seed + ", levels " + levels + ", -inf share " + never + ": " + m);
                }
            }
        }
    }

    @Test
    void valuesStayInRange() {
        for (long seed : SEEDS) {
            EvalSet set = data(seed);
            EvaluationResult r = new Evaluator(METRICS, 1).evaluate(new EvalFixtures.RandomScores(ITEMS, seed, 5), set,
                    set.history(), null);
            for (String m : METRICS) {
                String base = m.split("@")[0];
                if (!UNIT_RANGE.contains(base)) continue;
                double mean = r.metric(m);
                assertTrue(mean >= 0 && mean <= 1, "seed " + seed + ": " + m + " = " + mean);
                double[] per = r.perUser().get(m);
                if (per == null) continue;
                for (int p = 0; p < per.length; p++)
                    assertTrue(Double.isNaN(per[p]) || (per[p] >= 0 && per[p] <= 1), "seed " + seed + ": " + m + " of user " + p + " = " + per[p]);
            }
        }
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        for (long seed : SEEDS) {
            EvalSet set = EvalFixtures.randomEvalSet(300, ITEMS, 20, 12, seed); // > 4 chunks of users
            FittedRecommender model = new EvalFixtures.RandomScores(ITEMS, seed, 0);
            EvaluationResult one = new Evaluator(METRICS, 1).evaluate(model, set, set.history(), null);
            for (int threads : new int[] {2, 3}) {
                EvaluationResult many = new Evaluator(METRICS, threads).evaluate(model, set, set.history(), null);
                assertEquals(one.metrics(), many.metrics(), "seed " + seed + ", " + threads + " threads");
                for (String m : one.perUser().keySet())
                    assertArrayEquals(one.perUser().get(m), many.perUser().get(m), "seed " + seed + ", " + threads + " threads: " + m);
                assertArrayEquals(one.users(), many.users());
            }
        }
    }

    @Test
    void excludedTargetsNeverCount() {
        for (long seed : SEEDS) {
            EvalSet random = data(seed);
            // Every target is also in the user's history (so excluded), and the model scores exactly those highest.
            Dataset history = random.history().union("history+targets", random.targets());
            EvalSet set = new EvalSet("all-targets-excluded", history, random.targets());
            FittedRecommender model = new Boosted(new EvalFixtures.RandomScores(ITEMS, seed, 0), set.targets());
            EvaluationResult r = new Evaluator(List.of("recall@60", "precision@5", "hit@60", "ndcg@60", "mrr", "map@60"), 2)
                    .evaluate(model, set, null, null);
            for (var e : r.metrics().entrySet()) assertEquals(0.0, e.getValue(), "seed " + seed + ": " + e.getKey());
        }
    }

    @Test
    void perfectModelScoresOne() {
        for (long seed : SEEDS) {
            EvalSet set = data(seed);
            FittedRecommender model = new Boosted(new EvalFixtures.RandomScores(ITEMS, seed, 3), set.targets());
            EvaluationResult r = new Evaluator(List.of("recall@12", "truncrecall@5", "ndcg@1", "ndcg@5", "ndcg@60",
                    "mrr", "map@5", "map@60", "auc", "hit@1"), 2).evaluate(model, set, null, null);
            // At most 12 targets per user, so recall@12 is defined as 1 for everyone.
            for (var e : r.metrics().entrySet()) assertEquals(1.0, e.getValue(), 1e-12, "seed " + seed + ": " + e.getKey());
        }
    }

    /** Adds 10 to the scores of the user's items in {@code boosted}. */
    record Boosted(FittedRecommender base, Dataset boosted) implements FittedRecommender {
        @Override public String name() { return "boosted"; }
        @Override public int numItems() { return base.numItems(); }
        @Override public void scoreAll(UserContext user, float[] out) {
            base.scoreAll(user, out);
            for (int item : boosted.itemsOf(user.user())) out[item] += 10;
        }
        @Override public Provenance provenance() { return null; }
        @Override public Set<Capability> capabilities() { return EnumSet.noneOf(Capability.class); }
    }

    /** The metrics computed the plain way: sort every candidate, count, use sets and double loops. */
    static final class Reference {
        static Map<String, Double> evaluate(FittedRecommender model, EvalSet set, Dataset train, List<String> metrics) {
            int[] users = set.evaluatedUsers();
            Map<Integer, Set<Integer>> itemUsers = new HashMap<>();
            for (int u = 0; u < train.numUsers(); u++) for (int i : train.itemsOf(u)) itemUsers.computeIfAbsent(i, x -> new HashSet<>()).add(u);
            int active = train.numActiveUsers();
            Map<String, Double> sums = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            Map<String, int[]> exposure = new HashMap<>();
            for (int u : users) {
                float[] s = new float[model.numItems()];
                model.scoreAll(UserContext.of(set.history(), u), s);
                Set<Integer> excluded = new HashSet<>();
                for (int i : set.excluded().itemsOf(u)) excluded.add(i);
                Set<Integer> targets = new HashSet<>();
                for (int i : set.targets().itemsOf(u)) targets.add(i);
                // Candidates: every item not excluded. Only those scored above -infinity are ever recommended.
                List<Integer> candidates = new ArrayList<>();
                for (int i = 0; i < s.length; i++) if (!excluded.contains(i)) candidates.add(i);
                List<Integer> ranking = new ArrayList<>();
                for (int i : candidates) if (s[i] > Float.NEGATIVE_INFINITY) ranking.add(i);
                ranking.sort(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i));
                for (String m : metrics) {
                    String base = m.contains("@") ? m.substring(0, m.indexOf('@')) : m;
                    int k = m.contains("@") ? Integer.parseInt(m.substring(m.indexOf('@') + 1)) : ranking.size();
                    List<Integer> top = ranking.subList(0, Math.min(k, ranking.size()));
                    if (base.equals("coverage") || base.equals("gini")) {
                        int[] e = exposure.computeIfAbsent(m, x -> new int[model.numItems()]);
                        for (int i : top) e[i]++;
                        continue;
                    }
                    double v = perUser(base, k, top, candidates, targets, s, itemUsers, active);
                    if (Double.isNaN(v)) continue;
                    sums.merge(m, v, Double::sum);
                    counts.merge(m, 1, Integer::sum);
                }
            }
            Map<String, Double> out = new HashMap<>();
            for (String m : sums.keySet()) out.put(m, sums.get(m) / counts.get(m));
            for (var e : exposure.entrySet()) out.put(e.getKey(), e.getKey().startsWith("gini") ? gini(e.getValue()) : coverage(e.getValue()));
            return out;
        }

        static double perUser(String metric, int k, List<Integer> top, List<Integer> candidates, Set<Integer> targets,
                              float[] s, Map<Integer, Set<Integer>> itemUsers, int active) {
            int hits = 0;
            for (int i : top) if (targets.contains(i)) hits++;
            switch (metric) {
                case "recall": return (double) hits / targets.size();
                case "truncrecall": return (double) hits / Math.min(k, targets.size());
                case "precision": return (double) hits / k;
                case "hit": return hits > 0 ? 1 : 0;
                case "ndcg": {
                    double dcg = 0, idcg = 0;
                    for (int r = 0; r < top.size(); r++) if (targets.contains(top.get(r))) dcg += 1 / log2(r + 2);
                    for (int r = 0; r < Math.min(k, targets.size()); r++) idcg += 1 / log2(r + 2);
                    return dcg / idcg;
                }
                case "mrr": {
                    for (int r = 0; r < top.size(); r++) if (targets.contains(top.get(r))) return 1.0 / (r + 1);
                    return 0;
                }
                case "map": {
                    double sum = 0;
                    int found = 0;
                    for (int r = 0; r < top.size(); r++) if (targets.contains(top.get(r))) sum += (double) ++found / (r + 1);
                    return sum / Math.min(k, targets.size());
                }
                case "auc": {
                    double good = 0;
                    int pairs = 0;
                    for (int t : candidates) {
                        if (!targets.contains(t)) continue;
                        for (int n : candidates) {
                            if (targets.contains(n)) continue;
                            pairs++;
                            good += s[t] > s[n] ? 1 : s[t] == s[n] ? 0.5 : 0;
                        }
                    }
                    return pairs == 0 ? Double.NaN : good / pairs;
                }
                case "novelty": {
                    double sum = 0;
                    for (int i : top) sum += -log2(Math.max(1, itemUsers.getOrDefault(i, Set.of()).size()) / (double) active);
                    return top.isEmpty() ? Double.NaN : sum / top.size();
                }
                case "arp": {
                    double sum = 0;
                    for (int i : top) sum += itemUsers.getOrDefault(i, Set.of()).size();
                    return top.isEmpty() ? Double.NaN : sum / top.size();
                }
                case "ild": {
                    if (top.size() < 2) return Double.NaN;
                    double sum = 0;
                    int pairs = 0;
                    for (int a = 0; a < top.size(); a++) {
                        for (int b = a + 1; b < top.size(); b++) {
                            Set<Integer> ua = itemUsers.getOrDefault(top.get(a), Set.of()), ub = itemUsers.getOrDefault(top.get(b), Set.of());
                            Set<Integer> common = new HashSet<>(ua);
                            common.retainAll(ub);
                            double cos = ua.isEmpty() || ub.isEmpty() ? 0 : common.size() / Math.sqrt((double) ua.size() * ub.size());
                            sum += 1 - cos;
                            pairs++;
                        }
                    }
                    return sum / pairs;
                }
                default: throw new IllegalArgumentException(metric);
            }
        }

        /** Mean absolute difference form: sum_i sum_j |c_i - c_j| / (2 n sum c). */
        static double gini(int[] c) {
            double diff = 0, total = 0;
            for (int a : c) {
                total += a;
                for (int b : c) diff += Math.abs(a - b);
            }
            return diff / (2.0 * c.length * total);
        }

        static double coverage(int[] c) {
            return Arrays.stream(c).filter(x -> x > 0).count() / (double) c.length;
        }

        static double log2(double x) { return Math.log(x) / Math.log(2); }
    }
}

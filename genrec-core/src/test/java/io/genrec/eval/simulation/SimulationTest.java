package io.genrec.eval.simulation;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SimulationTest {
    static final UserSimulator.Config CFG = new UserSimulator.Config(0.8, 2, 1);

    /** Scores every item by its training popularity (ties by index), i.e. most-popular. */
    record Popularity(Dataset data) implements FittedRecommender {
        @Override public String name() { return "pop"; }
        @Override public int numItems() { return data.numItems(); }
        @Override public void scoreAll(UserContext user, float[] out) {
            int[] pop = data.itemPopularity();
            for (int i = 0; i < out.length; i++) out[i] = pop[i] - i * 1e-3f;
        }
        @Override public Provenance provenance() { return null; }
        @Override public Set<Capability> capabilities() { return EnumSet.noneOf(Capability.class); }
    }

    /** 4 users, 6 items. */
    static Dataset train() {
        int[] u = {0, 0, 1, 1, 2, 3}, i = {0, 1, 0, 2, 0, 1};
        float[] v = {1, 1, 1, 1, 1, 1};
        long[] t = {1, 2, 3, 4, 5, 6};
        return Dataset.fromColumns("t", IdMap.of(List.of("u0", "u1", "u2", "u3")), IdMap.of(List.of("a", "b", "c", "d", "e", "f")),
                null, null, 6, u, i, v, t);
    }

    static Dataset heldOut(Dataset train) {
        return Dataset.fromColumns("h", train.userIds(), train.itemIds(), null, null, 3,
                new int[] {0, 1, 2}, new int[] {5, 4, 3}, new float[] {1, 1, 1}, new long[] {9, 9, 9});
    }

    @Test
    void attractionRanksHeldOutFirstThenReferenceScoresAndZeroesConsumedItems() {
        // scores: item 3 best, then 2, 4, 1, 0 ... ; consumed {0}; held out {5}
        float[] scores = {5, 6, 8, 9, 7, 1};
        float[] row = UserSimulator.attractionRow(scores, new int[] {0}, new int[] {5}, CFG);
        // ranks: 5 -> 0, 3 -> 1, 2 -> 2, 4 -> 3, 1 -> 4; 0 consumed
        assertEquals(0.8, row[5], 1e-6);
        assertEquals(0.8 * Math.exp(-0.5), row[3], 1e-6);
        assertEquals(0.8 * Math.exp(-1.0), row[2], 1e-6);
        assertEquals(0.8 * Math.exp(-1.5), row[4], 1e-6);
        assertEquals(0.8 * Math.exp(-2.0), row[1], 1e-6);
        assertEquals(0.0, row[0]);
    }

    @Test
    void clickProbabilityIsAttractionTimesPositionExamination() {
        Dataset tr = train();
        UserSimulator sim = UserSimulator.fromReference(new Popularity(tr), tr, heldOut(tr), CFG);
        // user 0: consumed {0,1}, held out {5}; popularity ranks others 2 (1 user), then 3, 4 (0 users, index ties)
        assertEquals(0.8, sim.attraction(0, 5), 1e-6);
        assertEquals(0.8 * Math.exp(-0.5), sim.attraction(0, 2), 1e-6);
        assertEquals(0.0, sim.attraction(0, 0));
        assertEquals(0.8 * Math.exp(-0.5) / 3, sim.clickProbability(0, 2, 2), 1e-6);
        assertEquals(0.8 + 0.8 * Math.exp(-0.5) / 2, sim.expectedClicks(0, new int[] {5, 2}), 1e-6);
    }

    @Test
    void clicksAreDeterministicPerSeedAndFollowTheModel() {
        Dataset tr = train();
        UserSimulator sim = UserSimulator.fromReference(new Popularity(tr), tr, heldOut(tr), new UserSimulator.Config(1.0, 1e9, 1));
        int[] slate = {5, 2, 3, 4};
        boolean[] a = sim.clicks(0, slate, UserSimulator.rng(7, 1, 3, 0));
        boolean[] b = sim.clicks(0, slate, UserSimulator.rng(7, 1, 3, 0));
        assertArrayEquals(a, b);
        assertTrue(a[0], "attraction 1 at position 0 is always clicked");
        // frequency of a click at position 3 approaches 1/4 (attraction ~1, examination 1/4)
        int n = 20000, hits = 0;
        for (int s = 0; s < n; s++) if (sim.clicks(0, slate, UserSimulator.rng(s, 1, 0, 0))[3]) hits++;
        assertEquals(0.25, hits / (double) n, 0.015);
        boolean differs = false;
        for (int s = 0; s < 50 && !differs; s++)
            differs = !java.util.Arrays.equals(sim.clicks(0, slate, UserSimulator.rng(s, 1, 0, 0)), sim.clicks(0, slate, UserSimulator.rng(s + 1, 1, 0, 0)));
        assertTrue(differs, "different seeds give different draws");
    }

    @Test
    void replayEstimateMatchesAHandComputation() {
        // policy: user 0 -> item 2, user 1 -> item 4, user 2 -> none
        List<ReplayEstimator.Event> log = List.of(
                new ReplayEstimator.Event(0, 2, 1), new ReplayEstimator.Event(0, 3, 1), new ReplayEstimator.Event(0, 2, 0),
                new ReplayEstimator.Event(1, 4, 1), new ReplayEstimator.Event(1, 2, 0), new ReplayEstimator.Event(2, 1, 1));
        ReplayEstimator.Estimate e = ReplayEstimator.estimate(log, u -> u == 0 ? 2 : u == 1 ? 4 : -1);
        // matched: (0,2,1), (0,2,0), (1,4,1): mean 2/3; sample variance ((1/3)^2*2 + (2/3)^2)/2 = 1/3; se sqrt(1/9)
        assertEquals(3, e.matched());
        assertEquals(6, e.total());
        assertEquals(2.0 / 3, e.value(), 1e-12);
        assertEquals(1.0 / 3, e.stdError(), 1e-12);
        assertTrue(Double.isNaN(ReplayEstimator.estimate(log, u -> -1).value()), "no match: undefined, not 0");
    }

    @Test
    void replayOnAUniformLogRecoversThePolicysTrueClickRate() {
        Dataset tr = train();
        UserSimulator sim = UserSimulator.fromReference(new Popularity(tr), tr, heldOut(tr), CFG);
        int[] all = {0, 1, 2, 3, 4, 5};
        List<ReplayEstimator.Event> log = ReplayEstimator.uniformLog(sim, u -> all, 30000, 3);
        int[] policy = {5, 4, 3, 2};
        double truth = 0;
        for (int u = 0; u < 4; u++) truth += sim.clickProbability(u, policy[u], 0) / 4;
        ReplayEstimator.Estimate e = ReplayEstimator.estimate(log, u -> policy[u]);
        assertEquals(truth, e.value(), 4 * e.stdError());
        assertEquals(log, ReplayEstimator.uniformLog(sim, u -> all, 30000, 3), "log deterministic per seed");
    }

    @Test
    void listDiversityByHand() {
        // categories: a {x}, b {x}, c {y}: pair similarities ab 1, ac 0, bc 0 -> ILD = (0 + 1 + 1) / 3
        io.genrec.data.Item[] items = {
                new io.genrec.data.Item("a", "", List.of("x"), java.util.Map.of(), java.util.Map.of()),
                new io.genrec.data.Item("b", "", List.of("x"), java.util.Map.of(), java.util.Map.of()),
                new io.genrec.data.Item("c", "", List.of("y"), java.util.Map.of(), java.util.Map.of())};
        Dataset d = Dataset.fromColumns("cats", IdMap.of(List.of("u")), IdMap.of(List.of("a", "b", "c")), new io.genrec.data.ItemCatalog(items), null,
                1, new int[] {0}, new int[] {0}, new float[] {1}, new long[] {1});
        io.genrec.eval.ListDiversity ild = new io.genrec.eval.ListDiversity(d);
        assertEquals(2.0 / 3, ild.of(new int[] {0, 1, 2}), 1e-12);
        assertEquals(0.0, ild.of(new int[] {0, 1}), 1e-12);
        assertTrue(Double.isNaN(ild.of(new int[] {2})));
    }

    @Test
    void pairwiseJaccardByHand() {
        // {0,1} vs {1,2}: 1/3; {0,1} vs {0,1}: 1; {1,2} vs {0,1}: 1/3 -> mean 5/9
        assertEquals(5.0 / 9, ClosedLoop.meanPairwiseJaccard(new int[][] {{0, 1}, {1, 2}, {0, 1}}, 3), 1e-12);
        assertEquals(0.0, ClosedLoop.meanPairwiseJaccard(new int[][] {{0, 1}, {2, 3}}, 4));
    }

    @Test
    void closedLoopIsDeterministicPerSeedAndFeedsClicksBack() {
        Dataset tr = train();
        UserSimulator sim = UserSimulator.fromReference(new Popularity(tr), tr, heldOut(tr), new UserSimulator.Config(1.0, 1e9, 0));
        List<Dataset> seen = new ArrayList<>();
        List<ClosedLoop.Round> a = ClosedLoop.run(tr, sim, d -> { seen.add(d); return new Popularity(d); }, 3, 2, 11);
        List<ClosedLoop.Round> b = ClosedLoop.run(tr, sim, Popularity::new, 3, 2, 11);
        assertEquals(strip(a), strip(b));
        assertEquals(3, a.size());
        // attraction 1 everywhere it is not consumed and no position bias: every slot is clicked
        assertEquals(2.0, a.get(0).clicksPerUser(), 1e-12);
        assertEquals(tr.numInteractions() + 8, seen.get(1).numInteractions(), "round-0 clicks join the data of round 1");
        assertEquals(tr.numInteractions() + 16, seen.get(2).numInteractions());
        // round 0, most-popular among unconsumed: u0 {2,3}, u1 {1,3}, u2 {1,2}, u3 {0,2}
        assertEquals(4.0 / 6, a.get(0).coverage(), 1e-12);
    }

    private static List<String> strip(List<ClosedLoop.Round> rounds) {
        return rounds.stream().map(r -> r.round() + " " + r.clicksPerUser() + " " + r.coverage() + " " + r.gini() + " " + r.listJaccard()).toList();
    }
}

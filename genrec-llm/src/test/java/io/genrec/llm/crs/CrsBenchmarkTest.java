package io.genrec.llm.crs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrsBenchmarkTest {
    @Test
    void rankBreaksTiesByCatalogueOrderAndMaskedTargetsMiss() {
        float[] s = {1, 3, 3, Float.NEGATIVE_INFINITY};
        assertEquals(0, CrsBenchmark.rank(s, 1));
        assertEquals(1, CrsBenchmark.rank(s, 2));
        assertEquals(2, CrsBenchmark.rank(s, 0));
        assertEquals(Integer.MAX_VALUE, CrsBenchmark.rank(s, 3));
    }

    private static CrsSample sample(CrsCatalog cat, String seekerText, int[] contextMovies, String... targets) {
        int[] t = java.util.Arrays.stream(targets).mapToInt(cat::indexOfName).toArray();
        return new CrsSample("d", 1, List.of(Utterance.user(seekerText)), contextMovies, t, "You should watch " + targets[0]);
    }

    @Test
    void freshProtocolDropsMentionedTargetsAndStandardRewardsRepeats() {
        CrsCatalog cat = CrsFixtures.catalog();
        float[] pop = new float[cat.size()];
        pop[cat.indexOfName("Up (2009)")] = 5; // popular but never the target
        Signals sig = new Signals(cat, pop, null, null);
        CrsBenchmark b = new CrsBenchmark(sig, new StateTracker(cat, null));
        int matrix = cat.indexOfName("The Matrix (1999)");
        List<CrsSample> samples = List.of(
                sample(cat, "I loved The Matrix (1999)", new int[] {matrix}, "The Matrix (1999)"),
                sample(cat, "I loved The Matrix (1999)", new int[] {matrix}, "The Matrix (1999)", "Arrival (2016)"));
        FusionRecommender.Weights repeat = new FusionRecommender.Weights(1, 0, 0, 0, 0, 100);
        Map<String, Double> std = b.recall(b.prepare(samples, CrsBenchmark.Protocol.standard), repeat, CrsBenchmark.Protocol.standard);
        assertEquals(3.0, std.get("targets"));
        assertEquals(2.0 / 3, std.get("recall@1"), 1e-9);
        Map<String, Double> fresh = b.recall(b.prepare(samples, CrsBenchmark.Protocol.fresh), repeat, CrsBenchmark.Protocol.fresh);
        assertEquals(1.0, fresh.get("targets"));
        assertEquals(1.0, fresh.get("samples"));
        assertEquals(0.0, fresh.get("recall@1"), 1e-9); // Up outranks Arrival, and the Matrix is masked
        assertEquals(1.0, fresh.get("recall@10"), 1e-9);
    }

    @Test
    void responseMetricsOnKnownTexts() {
        Map<String, Double> m = CrsBenchmark.responseMetrics(List.of("you should watch up", "you should watch up"),
                List.of("you should watch up", "you should watch it"));
        assertTrue(m.get("bleu-2") > 0.8 && m.get("bleu-2") < 1, m.toString());
        assertEquals(3.0 / 6, m.get("distinct-2"), 1e-9); // "you should", "should watch", "watch up" twice each
        assertEquals((1.0 + 0.75) / 2, m.get("rouge-l"), 1e-9);
    }

    @Test
    void responsesGiveGroundedReasons() {
        CrsCatalog cat = CrsFixtures.catalog();
        DialogueState s = new StateTracker(cat, null).track(List.of(Utterance.user("I loved The Matrix, something less violent please")));
        int arrival = cat.indexOfName("Arrival (2016)");
        String r = Responses.recommend(cat, List.of(arrival), s);
        assertTrue(r.startsWith("You should watch Arrival (2016)"), r);
        assertTrue(r.contains("sci-fi") && r.contains("The Matrix (1999)") && r.contains("not action"), r);
    }

    @Test
    void hybridWeightsAtTheGridsLargestValueAreFlagged() {
        float[] grid = {0, 1, 16};
        FusionRecommender.Weights w = new FusionRecommender.Weights(16, 1, 0, 16, 0, 0);
        List<String> warn = CrsBenchmark.gridEdgeWarnings(w, grid, "v");
        assertEquals(2, warn.size(), warn.toString());
        assertTrue(warn.get(0).contains("popularity") && warn.get(1).contains("attributes"), warn.toString());
        assertTrue(CrsBenchmark.gridEdgeWarnings(w.with(0, 1).with(3, 0), grid, "v").isEmpty());
    }

    @Test
    void l2ChosenAtTheGridsLargestValueIsFlagged() {
        double[] grid = {0, 0.01, 0.1, 1};
        int rising = CrsBenchmark.bestIndex(new double[] {0.16, 0.17, 0.18, 0.19});
        assertEquals(3, rising);
        String w = CrsBenchmark.edgeWarning(grid, rising, "L2");
        assertTrue(w != null && w.contains("largest value") && w.contains("1.0"), String.valueOf(w));
        int peaked = CrsBenchmark.bestIndex(new double[] {0.16, 0.19, 0.18, 0.17});
        assertEquals(1, peaked);
        assertEquals(null, CrsBenchmark.edgeWarning(grid, peaked, "L2"));
        // no regularisation is the end of the range, not an edge of the grid
        assertEquals(null, CrsBenchmark.edgeWarning(grid, CrsBenchmark.bestIndex(new double[] {0.2, 0.1, 0.1, 0.1}), "L2"));
        // ties keep the smaller strength
        assertEquals(1, CrsBenchmark.bestIndex(new double[] {0.1, 0.2, 0.2, 0.2}));
    }
}

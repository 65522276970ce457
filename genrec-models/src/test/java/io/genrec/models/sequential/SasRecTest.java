package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.UserContext;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SasRecTest implements RecommenderContract {
    static SasRecConfig small(NextItemLoss loss) {
        return new SasRecConfig(16, 2, 2, 10, 0.1, loss.key(), new TrainingConfig(25, 32, 5e-3, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new SasRec(small(NextItemLoss.SAMPLED_BCE)); }
    @Override public RecommenderProvider provider() { return new SasRecProvider(); }
    @Override public FittedRecommender fitted(Dataset data, long seed) { return recommender().fit(SequenceTestData.ctx(data, seed)); }
    @Override public Dataset trainingData() { return SequenceTestData.cyclic(80, 24, 4, 14, 3); }

    @Test
    void learnsPlantedOrderWithBothLosses() {
        Dataset d = trainingData();
        for (NextItemLoss loss : List.of(NextItemLoss.SAMPLED_BCE, NextItemLoss.FULL_SOFTMAX)) {
            var m = new SasRec(small(loss)).fit(SequenceTestData.ctx(d, 7));
            double top1 = SequenceTestData.nextItemTop1(m, d);
            assertTrue(top1 > 0.8, loss + ": planted next item ranked first for only " + top1 + " of users (chance ~1/20)");
            assertTrue(m.capabilities().contains(Capability.SEQUENTIAL));
        }
    }

    @Test
    void futureItemsNeverInfluenceEarlierPositions() {
        SasRecConfig c = small(NextItemLoss.SAMPLED_BCE);
        Dataset d = trainingData();
        SasRecNetwork net = new SasRecNetwork(new SequenceBatches(d, c.maxLen()), c);
        ParameterSet w = NetworkProbe.perturbed(net.initialParameters(new Random(1)));
        int pad = d.numItems();
        NetworkProbe.assertNoFutureLeak(net, w, new int[] {pad, pad, 3, 4, 5, 6, 7, 8, 9, 10}, 5, d.numItems(), c.hiddenSize());
        NetworkProbe.assertNoFutureLeak(net, w, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, d.numItems(), c.hiddenSize());
    }

    @Test
    void javaScorerMatchesTrainingNetwork() {
        SasRecConfig c = small(NextItemLoss.FULL_SOFTMAX);
        Dataset d = trainingData();
        SasRecNetwork net = new SasRecNetwork(new SequenceBatches(d, c.maxLen()), c);
        ParameterSet w = NetworkProbe.perturbed(net.initialParameters(new Random(2)));
        SasRecScorer scorer = new SasRecScorer(w, c, d.numItems());
        for (int[] history : List.of(new int[] {1, 2, 3}, new int[] {5}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                new int[] {4, 4, 9, 2, 17, 3, 3, 8, 1, 0}, new int[0])) {
            float[][] h = NetworkProbe.hidden(net, w, SequenceBatches.window(history, c.maxLen(), d.numItems()), c.hiddenSize());
            assertArrayEquals(h[c.maxLen() - 1], scorer.lastHidden(history), 2e-4f, "history " + Arrays.toString(history));
        }
    }

    @Test
    void concurrentPassesOverHistoriesOfDifferentLengthsDoNotShareWorkArrays() throws Exception {
        SasRecConfig c = small(NextItemLoss.FULL_SOFTMAX);
        Dataset d = trainingData();
        ParameterSet w = NetworkProbe.perturbed(new SasRecNetwork(new SequenceBatches(d, c.maxLen()), c).initialParameters(new Random(3)));
        SasRecScorer scorer = new SasRecScorer(w, c, d.numItems());
        Random rnd = new Random(4);
        int[][] histories = new int[64][];
        float[][] expected = new float[histories.length][];
        for (int i = 0; i < histories.length; i++) {
            histories[i] = rnd.ints(1 + rnd.nextInt(2 * c.maxLen()), 0, d.numItems()).toArray();
            expected[i] = new SasRecScorer(w, c, d.numItems()).lastHidden(histories[i]); // fresh work arrays
            assertArrayEquals(expected[i], scorer.lastHidden(histories[i]), 0f, "history " + i + " after longer ones");
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                runs.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int k = 0; k < 2_000; k++) {
                        int i = r.nextInt(histories.length);
                        assertArrayEquals(expected[i], scorer.lastHidden(histories[i]), 0f, "history " + i);
                    }
                }));
            }
            for (var f : runs) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void greedyAndBeamGenerationContinueThePlantedOrder() {
        Dataset d = trainingData();
        var m = (SequentialFitted) new SasRec(small(NextItemLoss.FULL_SOFTMAX)).fit(SequenceTestData.ctx(d, 7));
        int[] hist = {3, 4, 5, 6};
        var greedy = m.generate(UserContext.ofHistory(hist), 4, 1, ItemFilter.excluding(hist));
        assertEquals(1, greedy.size());
        assertArrayEquals(new int[] {7, 8, 9, 10}, greedy.get(0).items(), "greedy continuation " + greedy);
        var beams = m.generate(UserContext.ofHistory(hist), 4, 3, ItemFilter.excluding(hist));
        assertEquals(3, beams.size());
        for (int k = 1; k < beams.size(); k++) assertTrue(beams.get(k - 1).logProb() >= beams.get(k).logProb(), "beams sorted");
        assertTrue(beams.get(0).logProb() >= greedy.get(0).logProb() - 1e-9, "beam search never finds a worse best sequence than greedy");
        for (var beam : beams) assertEquals(4, Arrays.stream(beam.items()).distinct().count(), "no repeated item in " + beam);
        assertThrows(IllegalArgumentException.class, () -> m.generate(UserContext.ofHistory(hist), 0, 1, ItemFilter.ALL));
    }

    @Test
    void providerAppliesParamsAndRejectsBadValues() {
        var r = (SasRec) new SasRecProvider().create(new Params(Map.of("max_len", "200", "loss", "ce", "dropout", "0.5"), "test"));
        assertEquals(200, r.config().maxLen());
        assertEquals(NextItemLoss.FULL_SOFTMAX, r.config().lossFunction());
        assertEquals(SasRecConfig.defaults().training(), r.config().training());
        var unknown = assertThrows(IllegalArgumentException.class, () -> new SasRecProvider().create(new Params(Map.of("max_lne", "3"), "test")));
        assertTrue(unknown.getMessage().contains("max_lne"));
        var heads = assertThrows(IllegalArgumentException.class, () -> new SasRecProvider().create(new Params(Map.of("heads", "3"), "test")));
        assertTrue(heads.getMessage().contains("heads") && heads.getMessage().contains("3"));
        var loss = assertThrows(IllegalArgumentException.class, () -> new SasRecProvider().create(new Params(Map.of("loss", "bpr"), "test")));
        assertTrue(loss.getMessage().contains("bpr"));
    }
}

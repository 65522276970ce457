package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
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

class Gru4RecTest implements RecommenderContract {
    static Gru4RecConfig small() {
        return new Gru4RecConfig(24, 10, 0.1, new TrainingConfig(30, 32, 1e-2, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new Gru4Rec(small()); }
    @Override public RecommenderProvider provider() { return new Gru4RecProvider(); }
    @Override public FittedRecommender fitted(Dataset data, long seed) { return recommender().fit(SequenceTestData.ctx(data, seed)); }
    @Override public Dataset trainingData() { return SequenceTestData.cyclic(80, 24, 4, 14, 3); }

    @Test
    void learnsPlantedOrderAndGeneratesIt() {
        Dataset d = trainingData();
        var m = (SequentialFitted) recommender().fit(SequenceTestData.ctx(d, 7));
        double top1 = SequenceTestData.nextItemTop1(m, d);
        assertTrue(top1 > 0.8, "planted next item ranked first for only " + top1 + " of users (chance ~1/20)");
        int[] hist = {10, 11, 12};
        var greedy = m.generate(UserContext.ofHistory(hist), 3, 1, ItemFilter.excluding(hist));
        assertArrayEquals(new int[] {13, 14, 15}, greedy.get(0).items(), "greedy continuation " + greedy);
    }

    @Test
    void learnsPlantedOrderWithBprMax() {
        Gru4RecConfig c = small();
        Dataset d = trainingData();
        var m = new Gru4Rec(new Gru4RecConfig(c.hiddenSize(), c.maxLen(), c.dropout(), c.training(), "bpr-max", 1.0))
                .fit(SequenceTestData.ctx(d, 7));
        double top1 = SequenceTestData.nextItemTop1(m, d);
        assertTrue(top1 > 0.8, "bpr-max: planted next item ranked first for only " + top1 + " of users (chance ~1/20)");
        assertEquals("bpr-max", m.provenance().config().get("loss"));
    }

    /** BPR-max against a hand computation: one position, two shared negatives, no bias. */
    @Test
    void bprMaxMatchesItsFormula() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            // hidden [2 positions, d=2]; items: 0 -> (1,0), 1 -> (0,1), 2 -> (1,1)
            var hidden = m.create(new float[] {2f, 1f, 0.5f, -1f}, new ai.djl.ndarray.types.Shape(2, 2));
            var items = m.create(new float[] {1f, 0f, 0f, 1f, 1f, 1f}, new ai.djl.ndarray.types.Shape(3, 2));
            double bpreg = 0.5;
            float got = NextItemLoss.BPR_MAX.loss(m, hidden, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 2},
                    items, null, 3, bpreg).getFloat();
            double[][] h = {{2, 1}, {0.5, -1}};
            double[][] e = {{1, 0}, {0, 1}, {1, 1}};
            int[] tgt = {0, 2}, neg = {1, 2};
            double want = 0;
            for (int i = 0; i < 2; i++) {
                double rPos = h[i][0] * e[tgt[i]][0] + h[i][1] * e[tgt[i]][1];
                double[] r = new double[2];
                double z = 0;
                for (int j = 0; j < 2; j++) { r[j] = h[i][0] * e[neg[j]][0] + h[i][1] * e[neg[j]][1]; z += Math.exp(r[j]); }
                double ranked = 0, reg = 0;
                for (int j = 0; j < 2; j++) {
                    double sj = Math.exp(r[j]) / z;
                    ranked += sj / (1 + Math.exp(-(rPos - r[j])));
                    reg += sj * r[j] * r[j];
                }
                want += (-Math.log(ranked + 1e-10) + bpreg * reg) / 2;
            }
            assertEquals(want, got, 1e-5);
        }
    }

    @Test
    void rejectsUnknownLosses() {
        Gru4RecConfig c = small();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Gru4RecConfig(c.hiddenSize(), c.maxLen(), c.dropout(), c.training(), "bce", 1.0));
        assertTrue(e.getMessage().contains("bce"), e.getMessage());
    }

    @Test
    void futureItemsNeverInfluenceEarlierPositions() {
        Gru4RecConfig c = small();
        Dataset d = trainingData();
        Gru4RecNetwork net = new Gru4RecNetwork(new SequenceBatches(d, c.maxLen()), c);
        ParameterSet w = NetworkProbe.perturbed(net.initialParameters(new Random(1)));
        int pad = d.numItems();
        NetworkProbe.assertNoFutureLeak(net, w, new int[] {pad, pad, pad, 4, 5, 6, 7, 8, 9, 10}, 6, d.numItems(), c.hiddenSize());
    }

    @Test
    void javaScorerMatchesTrainingNetwork() {
        Gru4RecConfig c = small();
        Dataset d = trainingData();
        Gru4RecNetwork net = new Gru4RecNetwork(new SequenceBatches(d, c.maxLen()), c);
        ParameterSet w = NetworkProbe.perturbed(net.initialParameters(new Random(2)));
        Gru4RecScorer scorer = new Gru4RecScorer(w, c, d.numItems());
        for (int[] history : List.of(new int[] {1, 2, 3}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new int[0])) {
            float[][] h = NetworkProbe.hidden(net, w, SequenceBatches.window(history, c.maxLen(), d.numItems()), c.hiddenSize());
            assertArrayEquals(h[c.maxLen() - 1], scorer.lastHidden(history), 1e-4f, "history " + Arrays.toString(history));
        }
    }

    @Test
    void providerAppliesParamsAndRejectsBadValues() {
        var r = (Gru4Rec) new Gru4RecProvider().create(new Params(Map.of("hidden_size", "64"), "test"));
        assertEquals(64, r.config().hiddenSize());
        assertEquals(Gru4RecConfig.defaults().training(), r.config().training());
        var bad = assertThrows(IllegalArgumentException.class, () -> new Gru4RecProvider().create(new Params(Map.of("dropout", "-0.1"), "test")));
        assertTrue(bad.getMessage().contains("dropout") && bad.getMessage().contains("-0.1"));
        var unknown = assertThrows(IllegalArgumentException.class, () -> new Gru4RecProvider().create(new Params(Map.of("max_length", "5"), "test")));
        assertTrue(unknown.getMessage().contains("max_length"), unknown.getMessage());
        assertEquals("bpr-max", ((Gru4Rec) new Gru4RecProvider().create(new Params(Map.of("loss", "bpr-max"), "test"))).config().loss());
    }
}

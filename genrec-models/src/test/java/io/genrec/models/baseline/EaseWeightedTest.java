package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EASE on the value matrix X (weighted=true) instead of the binary one. */
class EaseWeightedTest {
    private static float[] scores(FittedRecommender m, float w0, float w1) {
        float[] out = new float[m.numItems()];
        m.scoreAll(new UserContext(-1, new int[] {0, 1}, null, "", new float[] {w0, w1}), out);
        return out;
    }

    @Test
    void playCountsChangeTheRankingOnlyWhenWeighted() {
        int[][] h = new int[20][];
        for (int u = 0; u < 20; u++) h[u] = u < 10 ? new int[] {0, 2} : new int[] {1, 3};
        Dataset groups = TinyData.of(4, h);
        FittedRecommender w = TinyData.fit(new EaseRecommender(new EaseConfig(1, EaseConfig.FLOAT64, true)), groups, 1);
        assertTrue(w.capabilities().contains(Capability.INTERACTION_VALUES));
        assertTrue(scores(w, 50, 1)[2] > scores(w, 50, 1)[3]);
        assertTrue(scores(w, 1, 50)[3] > scores(w, 1, 50)[2]);
        FittedRecommender b = TinyData.fit(new EaseRecommender(new EaseConfig(1, EaseConfig.FLOAT64)), groups, 1);
        assertFalse(b.capabilities().contains(Capability.INTERACTION_VALUES));
        assertArrayEquals(scores(b, 50, 1), scores(b, 1, 50));
    }

    @Test
    void weightedGramIsXtXOfTheSummedValues() {
        Dataset.Builder d = new Dataset.Builder("w");
        d.add("a", "0", 2f, 0).add("a", "1", 3f, 1).add("a", "0", 1f, 2).add("b", "1", 5f, 0);
        Dataset data = d.build();
        BinaryMatrix x = BinaryMatrix.of(data);
        float[] g = EaseRecommender.weightedGram(x, BinaryMatrix.summedValues(data, x, "ease"), 1);
        // user a: item0 = 2 + 1 = 3, item1 = 3; user b: item1 = 5
        assertArrayEquals(new float[] {9, 9, 9, 9 + 25}, g);
        assertEquals(4, g.length);
    }
}

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

/** Item-kNN on the value matrix (weighted=true): cosine of value columns, value-weighted history. */
class ItemKnnWeightedTest {
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
        FittedRecommender w = TinyData.fit(new ItemKnnRecommender(new ItemKnnConfig(10, 0, true)), groups, 1);
        assertTrue(w.capabilities().contains(Capability.INTERACTION_VALUES));
        assertTrue(scores(w, 50, 1)[2] > scores(w, 50, 1)[3]);
        assertTrue(scores(w, 1, 50)[3] > scores(w, 1, 50)[2]);
        FittedRecommender b = TinyData.fit(new ItemKnnRecommender(new ItemKnnConfig(10, 0)), groups, 1);
        assertFalse(b.capabilities().contains(Capability.INTERACTION_VALUES));
        assertArrayEquals(scores(b, 50, 1), scores(b, 1, 50));
    }

    @Test
    void weightedCosineByHand() {
        Dataset.Builder d = new Dataset.Builder("w");
        // item 0 column (a=3, b=0, c=4), item 1 column (a=4, b=1, c=0): dot 12, norms 5 and sqrt(17)
        d.add("a", "0", 3f, 0).add("a", "1", 4f, 1).add("b", "1", 1f, 0).add("c", "0", 4f, 0);
        FittedRecommender m = TinyData.fit(new ItemKnnRecommender(new ItemKnnConfig(10, 0, true)), d.build(), 1);
        float[] out = new float[2];
        m.scoreAll(new UserContext(-1, new int[] {0}, null, "", new float[] {2f}), out);
        assertEquals(2 * 12 / (5 * Math.sqrt(17)), out[1], 1e-6);
    }
}

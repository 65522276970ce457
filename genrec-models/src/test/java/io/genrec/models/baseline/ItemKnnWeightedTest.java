package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Item-kNN on the value matrix (weighted=true): cosine of value columns, value-weighted history. */
class ItemKnnWeightedTest {
    @Test
    void playCountsChangeTheRankingOnlyWhenWeighted() {
        Dataset groups = TinyData.twoTasteGroups();
        TinyData.playCountsChangeTheRankingOnlyWhenWeighted("itemknn",
                TinyData.fit(new ItemKnnRecommender(new ItemKnnConfig(10, 0, true)), groups, 1),
                TinyData.fit(new ItemKnnRecommender(new ItemKnnConfig(10, 0)), groups, 1));
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

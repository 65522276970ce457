package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** EASE on the value matrix X (weighted=true) instead of the binary one. */
class EaseWeightedTest {
    @Test
    void playCountsChangeTheRankingOnlyWhenWeighted() {
        Dataset groups = TinyData.twoTasteGroups();
        TinyData.playCountsChangeTheRankingOnlyWhenWeighted("ease",
                TinyData.fit(new EaseRecommender(new EaseConfig(1, EaseConfig.FLOAT64, true)), groups, 1),
                TinyData.fit(new EaseRecommender(new EaseConfig(1, EaseConfig.FLOAT64)), groups, 1));
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

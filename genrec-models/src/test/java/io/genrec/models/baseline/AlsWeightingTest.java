package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ALS confidence from interaction values (Hu et al. 2008: c = 1 + alpha w, or 1 + alpha log(1 + w)). */
class AlsWeightingTest {
    @Test
    void playCountsChangeTheRankingOnlyWhenWeighted() {
        FittedRecommender binary = TinyData.fit(new AlsRecommender(new AlsConfig(4, 0.1, 2, 10, 3, 0.01, "binary")), TinyData.twoTasteGroups(), 1);
        for (String weighting : new String[] {"linear", "log"})
            TinyData.playCountsChangeTheRankingOnlyWhenWeighted("als weighting=" + weighting,
                    TinyData.fit(new AlsRecommender(new AlsConfig(4, 0.1, 2, 10, 3, 0.01, weighting)), TinyData.twoTasteGroups(), 1), binary);
    }

    @Test
    void weightingSurvivesSaveAndLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        FittedRecommender m = TinyData.fit(new AlsRecommender(new AlsConfig(4, 0.1, 2, 10, 3, 0.01, "log")), TinyData.twoTasteGroups(), 1);
        m.save(dir.resolve("als"));
        FittedRecommender loaded = AlsRecommender.load(dir.resolve("als"));
        assertArrayEquals(TinyData.scoresWithPlays(m, 50, 1), TinyData.scoresWithPlays(loaded, 50, 1));
        assertTrue(loaded.capabilities().contains(Capability.INTERACTION_VALUES));
    }

    @Test
    void trainingValuesAreUsedAndNegativeValuesRejected() {
        Dataset.Builder b = new Dataset.Builder("w");
        for (int i = 0; i < 3; i++) b.item(Integer.toString(i));
        // every user has items 0, 1 and 2; item 2 is played 20 times by half the users, once by the rest
        for (int u = 0; u < 10; u++) {
            b.add("u" + u, "0", 1f, 0).add("u" + u, "1", 1f, 1).add("u" + u, "2", u < 5 ? 20f : 1f, 2);
        }
        Dataset d = b.build();
        FittedRecommender binary = TinyData.fit(new AlsRecommender(new AlsConfig(2, 0.1, 2, 10, 3, 0.01, "binary")), d, 1);
        FittedRecommender linear = TinyData.fit(new AlsRecommender(new AlsConfig(2, 0.1, 2, 10, 3, 0.01, "linear")), d, 1);
        float[] sb = TinyData.scores(binary, 0), sl = TinyData.scores(linear, 0);
        assertFalse(java.util.Arrays.equals(sb, sl), "training with weights must change the factors");

        Dataset.Builder neg = new Dataset.Builder("n");
        neg.add("u", "a", -1f, 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> TinyData.fit(new AlsRecommender(new AlsConfig(2, 0.1, 2, 1, 1, 0.01, "linear")), neg.build(), 1));
        assertTrue(e.getMessage().contains("weighting") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AlsConfig(2, 0.1, 2, 1, 1, 0.01, "square"));
    }
}

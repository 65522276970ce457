package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.UserContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemKnnRecommenderTest implements RecommenderContract {
    @Override public Recommender recommender() { return new ItemKnnRecommender(ItemKnnConfig.defaults()); }
    @Override public RecommenderProvider provider() { return new ItemKnnProvider(); }

    /** u0 {0,1}, u1 {1,2}, u2 {0,1,2}, u3 {2,2}: |U0|=2, |U1|=3, |U2|=3; co-occurrences (0,1)=2, (0,2)=1, (1,2)=2. */
    private static Dataset handCase() {
        return TinyData.of(3, new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 1, 2}, new int[] {2, 2});
    }

    @Test
    void similaritiesMatchTheShrunkCosineByHand() {
        FittedRecommender m = TinyData.fit(new ItemKnnRecommender(new ItemKnnConfig(10, 1)), handCase(), 1);
        double s01 = 2 / (Math.sqrt(2) * Math.sqrt(3) + 1), s02 = 1 / (Math.sqrt(2) * Math.sqrt(3) + 1), s12 = 2 / (3.0 + 1);
        assertArrayEquals(new float[] {0, (float) s01, (float) s02}, TinyData.scores(m, 0), 1e-6f);
        assertArrayEquals(new float[] {(float) (s01 + s02), (float) (s01 + s12), (float) (s02 + s12)}, TinyData.scores(m, 0, 1, 2), 1e-6f);
        assertArrayEquals(TinyData.scores(m, 0, 2), TinyData.scores(m, 2, 0, 0), "repeats and order do not matter");
    }

    @Test
    void onlyTheTopNeighboursAreKept() {
        FittedRecommender m = TinyData.fit(new ItemKnnRecommender(new ItemKnnConfig(1, 1)), handCase(), 1);
        // Item 0's best neighbour is 1 (0.58 > 0.29); item 2's best is 1 (0.5 > 0.29): item 0 and 2 reach nothing else.
        double s01 = 2 / (Math.sqrt(6) + 1), s21 = 0.5;
        assertArrayEquals(new float[] {0, (float) (s01 + s21), 0}, TinyData.scores(m, 0, 2), 1e-6f);
    }

    @Test
    void threadCountDoesNotChangeTheModel() {
        Dataset d = trainingData();
        FittedRecommender one = TinyData.fit(recommender(), d, 1), three = TinyData.fit(recommender(), d, 3);
        for (int u = 0; u < d.numUsers(); u++) {
            float[] a = new float[d.numItems()], b = new float[d.numItems()];
            one.scoreAll(UserContext.of(d, u), a);
            three.scoreAll(UserContext.of(d, u), b);
            assertArrayEquals(a, b, "user " + u);
        }
    }

    @Test
    void badConfigNamesTheFieldAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ItemKnnConfig(0, 10));
        assertTrue(e.getMessage().contains("neighbours") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ItemKnnConfig(5, -1));
        assertTrue(e.getMessage().contains("shrink") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void providerReadsParamsAndRejectsUnknownKeys() {
        var r = (ItemKnnRecommender) provider().create(new Params(Map.of("neighbours", "7", "shrink", "2.5"), "test"));
        assertEquals(new ItemKnnConfig(7, 2.5), r.config());
        var e = assertThrows(IllegalArgumentException.class,
                () -> provider().create(new Params(Map.of("neighbors", "7"), "test")));
        assertTrue(e.getMessage().contains("neighbors"), e.getMessage());
    }
}

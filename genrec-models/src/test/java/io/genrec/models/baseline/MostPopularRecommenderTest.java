package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MostPopularRecommenderTest implements RecommenderContract {
    @Override public Recommender recommender() { return new MostPopularRecommender(MostPopularConfig.defaults()); }
    @Override public RecommenderProvider provider() { return new MostPopularProvider(); }

    @Test
    void scoresAreDistinctUserCounts() {
        // item 0: users 0,1 (user 0 twice); item 1: user 2; item 2: nobody; item 3: users 0,1,2.
        Dataset d = TinyData.of(4, new int[] {0, 0, 3}, new int[] {0, 3}, new int[] {1, 3});
        FittedRecommender m = TinyData.fit(recommender(), d, 1);
        assertArrayEquals(new float[] {2, 1, 0, 3}, TinyData.scores(m, 1));
        assertArrayEquals(TinyData.scores(m), TinyData.scores(m, 0, 2), "the request's history does not change the scores");
    }

    @Test
    void historyOutsideTheItemRangeIsRejectedNamingTheItem() {
        FittedRecommender m = TinyData.fit(recommender(), TinyData.of(2, new int[] {0}), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> TinyData.scores(m, 7));
        assertTrue(e.getMessage().contains("7") && e.getMessage().contains("[0, 2)"), e.getMessage());
    }
}

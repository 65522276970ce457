package io.genrec.models.baseline;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;

/** Small hand-written datasets and helpers for the baseline tests. */
final class TinyData {
    private TinyData() { }

    /** A dataset over items {@code 0..numItems-1} where user u interacted with {@code histories[u]} (in order). */
    static Dataset of(int numItems, int[]... histories) {
        Dataset.Builder b = new Dataset.Builder("tiny");
        for (int i = 0; i < numItems; i++) b.item(Integer.toString(i));
        for (int u = 0; u < histories.length; u++) {
            b.user("u" + u);
            for (int k = 0; k < histories[u].length; k++) b.add("u" + u, Integer.toString(histories[u][k]), 1f, k);
        }
        return b.build();
    }

    static FittedRecommender fit(Recommender r, Dataset d, int threads) {
        return r.fit(new TrainContext(d, null, 1, threads, ProgressListener.NONE));
    }

    static float[] scores(FittedRecommender m, int... history) {
        float[] out = new float[m.numItems()];
        m.scoreAll(UserContext.ofHistory(history), out);
        return out;
    }

    /** Users 0-9 play items 0 and 2, users 10-19 items 1 and 3: two taste groups, played once each. */
    static Dataset twoTasteGroups() {
        int[][] h = new int[20][];
        for (int u = 0; u < 20; u++) h[u] = u < 10 ? new int[] {0, 2} : new int[] {1, 3};
        return of(4, h);
    }

    /** Scores for a request whose history is items 0 and 1, played {@code plays0} and {@code plays1} times. */
    static float[] scoresWithPlays(FittedRecommender m, float plays0, float plays1) {
        float[] out = new float[m.numItems()];
        m.scoreAll(new UserContext(-1, new int[] {0, 1}, null, "", new float[] {plays0, plays1}), out);
        return out;
    }

    /**
     * On {@link #twoTasteGroups}: the weighted model follows the play counts of a request (many plays of item 0 favour
     * its group's item 2, of item 1 item 3) and says it uses values; the unweighted one ignores them.
     */
    static void playCountsChangeTheRankingOnlyWhenWeighted(String what, FittedRecommender weighted, FittedRecommender unweighted) {
        org.junit.jupiter.api.Assertions.assertTrue(weighted.capabilities().contains(io.genrec.model.Capability.INTERACTION_VALUES), what);
        float[] mostly0 = scoresWithPlays(weighted, 50, 1), mostly1 = scoresWithPlays(weighted, 1, 50);
        org.junit.jupiter.api.Assertions.assertTrue(mostly0[2] > mostly0[3],
                what + ": 50 plays of item 0 should favour its group's item 2: " + java.util.Arrays.toString(mostly0));
        org.junit.jupiter.api.Assertions.assertTrue(mostly1[3] > mostly1[2],
                what + ": 50 plays of item 1 should favour item 3: " + java.util.Arrays.toString(mostly1));
        org.junit.jupiter.api.Assertions.assertFalse(unweighted.capabilities().contains(io.genrec.model.Capability.INTERACTION_VALUES), what);
        org.junit.jupiter.api.Assertions.assertArrayEquals(scoresWithPlays(unweighted, 50, 1), scoresWithPlays(unweighted, 1, 50),
                what + ": the unweighted model ignores the counts");
    }
}

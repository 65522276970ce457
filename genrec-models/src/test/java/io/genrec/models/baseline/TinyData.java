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
}

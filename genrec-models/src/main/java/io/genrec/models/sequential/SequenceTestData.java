package io.genrec.models.sequential;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;

import java.util.Random;

/** Synthetic sequence data with a planted order, shared by the sequence model tests. */
final class SequenceTestData {
    private SequenceTestData() { }

    /**
     * {@code users} sequences over {@code items} items where item {@code i} is always followed by {@code i+1 mod items};
     * each user starts at a random item and has {@code minLen..maxLen} interactions with increasing timestamps.
     */
    static Dataset cyclic(int users, int items, int minLen, int maxLen, long seed) {
        Random r = new Random(seed);
        Dataset.Builder b = new Dataset.Builder("cyclic");
        for (int i = 0; i < items; i++) b.item("i" + i);
        for (int u = 0; u < users; u++) {
            int start = r.nextInt(items), len = minLen + r.nextInt(maxLen - minLen + 1);
            for (int k = 0; k < len; k++) b.add("u" + u, "i" + (start + k) % items, 1f, 1000L * u + k);
        }
        return b.build();
    }

    /**
     * A training context with one PyTorch thread: the shared trainer sets the engine's intra-op threads from the
     * context, and on the shared, oversubscribed test machine spinning OpenMP workers made fits up to 20x slower.
     */
    static TrainContext ctx(Dataset data, long seed) {
        return new TrainContext(data, null, seed, 1, ProgressListener.NONE);
    }

    /** Fraction of users of {@code data} for whom the planted next item ranks first among the unseen items. */
    static double nextItemTop1(FittedRecommender m, Dataset data) {
        int hits = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            int[] hist = data.itemsOf(u);
            int next = (hist[hist.length - 1] + 1) % data.numItems();
            TopK top = m.recommend(UserContext.of(data, u), 1, ItemFilter.excluding(hist));
            if (top.items()[0] == next) hits++;
        }
        return hits / (double) data.numUsers();
    }
}

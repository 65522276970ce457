package io.genrec.models;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.model.RecommenderContract.ContractData;

import java.util.Arrays;

/** Shared checks of the neural model tests. */
public final class NeuralTestSupport {
    private NeuralTestSupport() { }

    /**
     * Planted pattern: on the contract's two-cluster data, hides one in-cluster item per user, trains on the rest and
     * returns the fraction of users for whom the hidden item ranks in the top half of the unseen items. Chance is
     * about 0.5.
     */
    public static double heldOutInTopHalf(Recommender r, long seed) {
        Dataset full = ContractData.clustered(120, 40, 8, 21L);
        boolean[] keep = new boolean[full.numInteractions()];
        Arrays.fill(keep, true);
        int[] hidden = new int[full.numUsers()];
        int[] ptr = full.userPointers(), items = full.itemIndices();
        for (int u = 0; u < full.numUsers(); u++) {
            hidden[u] = -1;
            for (int k = ptr[u + 1] - 1; k >= ptr[u]; k--) {
                if (items[k] % 2 == u % 2) { keep[k] = false; hidden[u] = items[k]; break; }
            }
        }
        Dataset train = full.filter("planted-train", keep);
        FittedRecommender m = r.fit(TrainContext.of(train, seed));
        int hits = 0, n = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            if (hidden[u] < 0) continue;
            int[] hist = train.itemsOf(u);
            int unseen = train.numItems() - hist.length;
            TopK top = m.recommend(UserContext.of(train, u), unseen / 2, ItemFilter.excluding(hist));
            for (int it : top.items()) if (it == hidden[u]) { hits++; break; }
            n++;
        }
        return hits / (double) n;
    }

    /** {@link #heldOutInTopHalf} of the popularity ranking: what a model must clearly beat to have learned the pattern. */
    public static double popularityInTopHalf() {
        return heldOutInTopHalf(new io.genrec.models.baseline.MostPopularRecommender(io.genrec.models.baseline.MostPopularConfig.defaults()), 1);
    }

    /** A validation set over {@code full}: each user's last two interactions are the targets, the rest the history. */
    public static io.genrec.split.EvalSet lastTwoHeldOut(io.genrec.data.Dataset full) {
        boolean[] trainMask = new boolean[full.numInteractions()];
        int[] ptr = full.userPointers();
        for (int u = 0; u < full.numUsers(); u++)
            for (int k = ptr[u]; k < ptr[u + 1]; k++) trainMask[k] = k < ptr[u + 1] - 2;
        boolean[] validMask = new boolean[trainMask.length];
        for (int k = 0; k < validMask.length; k++) validMask[k] = !trainMask[k];
        return new io.genrec.split.EvalSet("valid", full.filter("train", trainMask), full.filter("valid", validMask));
    }
}

package io.genrec.eval.robustness;

import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;

/**
 * Share of evaluated users whose top-k list (history excluded) contains the target item, among the users who do not
 * already have it in their history — the usual success measure of a push attack (hit ratio of the target).
 */
public final class TargetHitRatio {
    private TargetHitRatio() { }

    public static double of(FittedRecommender model, EvalSet set, int target, int k) {
        float[] scores = new float[model.numItems()];
        int[] ptr = set.excluded().userPointers(), idx = set.excluded().itemIndices();
        int users = 0, hits = 0;
        for (int user : set.evaluatedUsers()) {
            boolean has = false;
            for (int j = ptr[user]; j < ptr[user + 1]; j++) if (idx[j] == target) { has = true; break; }
            if (has) continue;
            model.scoreAll(UserContext.of(set.history(), user), scores);
            for (int j = ptr[user]; j < ptr[user + 1]; j++) scores[idx[j]] = Float.NEGATIVE_INFINITY;
            users++;
            for (int item : TopK.select(scores, k, ItemFilter.ALL).items()) if (item == target) { hits++; break; }
        }
        return users == 0 ? Double.NaN : (double) hits / users;
    }
}

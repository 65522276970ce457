package io.genrec.eval;

import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;

import java.util.BitSet;

/**
 * A cheap single-threaded NDCG@k over an {@link EvalSet}, for early stopping inside training loops (which must not
 * depend on the full evaluator's configuration). Binary relevance, log2 discount, ideal DCG over min(k, |targets|).
 */
public final class QuickValidation {
    private QuickValidation() { }

    /** Mean NDCG@k over the users with targets; at most {@code maxUsers} users (evenly strided) when > 0. */
    public static double ndcg(FittedRecommender model, EvalSet set, int k, int maxUsers) {
        int[] users = set.evaluatedUsers();
        int stride = maxUsers > 0 && users.length > maxUsers ? users.length / maxUsers : 1;
        float[] scores = new float[model.numItems()];
        double sum = 0;
        int n = 0;
        for (int idx = 0; idx < users.length; idx += stride) {
            int u = users[idx];
            model.scoreAll(UserContext.of(set.history(), u), scores);
            TopK top = TopK.select(scores, k, ItemFilter.excluding(set.excluded().itemsOf(u)));
            BitSet targets = new BitSet();
            for (int t : set.targets().itemsOf(u)) targets.set(t);
            double dcg = 0, idcg = 0;
            for (int r = 0; r < top.size(); r++) if (targets.get(top.items()[r])) dcg += 1 / log2(r + 2);
            for (int r = 0; r < Math.min(k, targets.cardinality()); r++) idcg += 1 / log2(r + 2);
            sum += dcg / idcg;
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double log2(double x) { return Math.log(x) / Math.log(2); }
}

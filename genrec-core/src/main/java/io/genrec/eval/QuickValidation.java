package io.genrec.eval;

import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.split.EvalSet;

import java.util.List;

/**
 * A cheap NDCG@k over an {@link EvalSet}, for early stopping inside training loops (which must not depend on the
 * experiment's evaluator configuration). Runs the {@link Evaluator}, so the value is exactly the evaluator's ndcg@k
 * on the chosen users, for any thread count.
 */
public final class QuickValidation {
    private QuickValidation() { }

    /** Mean NDCG@k over the users with targets; at most {@code maxUsers} users (evenly strided) when > 0. */
    public static double ndcg(FittedRecommender model, EvalSet set, int k, int maxUsers) {
        return ndcg(model, set, k, maxUsers, 1);
    }

    /** {@link #ndcg(FittedRecommender, EvalSet, int, int)} on {@code threads} threads (training waits meanwhile). */
    public static double ndcg(FittedRecommender model, EvalSet set, int k, int maxUsers, int threads) {
        int[] all = set.evaluatedUsers();
        if (all.length == 0) return 0;
        int stride = maxUsers > 0 && all.length > maxUsers ? all.length / maxUsers : 1;
        int[] users = new int[(all.length + stride - 1) / stride];
        for (int i = 0; i < users.length; i++) users[i] = all[i * stride];
        String metric = "ndcg@" + k;
        return new Evaluator(List.of(metric), threads).evaluate(model, set, null, users, ProgressListener.NONE).metric(metric);
    }
}

package io.genrec.eval;

import io.genrec.model.ProgressListener;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A model that prefers large batches gets them: the evaluator's work chunks (64 users) hold at least one whole batch,
 * so a 256-user preference is not cut to 64 (training-time validation in libtorch depends on it). Batching never
 * changes the result.
 */
class EvaluatorBatchingTest {
    /** The random model, scoring in batches of {@code batch} and recording each call's size. */
    static final class Batching extends EvalFixtures.RandomScores {
        final int batch;
        final List<Integer> calls = Collections.synchronizedList(new ArrayList<>());

        Batching(int items, long seed, int batch) { super(items, seed, 0); this.batch = batch; }

        @Override public int preferredBatch() { return batch; }

        @Override
        public void scoreBatch(UserContext[] users, float[][] out, int count) {
            calls.add(count);
            super.scoreBatch(users, out, count);
        }
    }

    @Test
    void largePreferredBatchesReachTheModelWholeAndChangeNothing() {
        EvalSet set = EvalFixtures.randomEvalSet(600, 40, 10, 5, 9L);
        List<String> metrics = List.of("ndcg@10", "recall@20", "auc");
        int users = set.evaluatedUsers().length;
        EvaluationResult plain = new Evaluator(metrics, 1).evaluate(new EvalFixtures.RandomScores(40, 9L, 0), set, set.history(), ProgressListener.NONE);
        for (int threads : new int[] {1, 2}) {
            Batching model = new Batching(40, 9L, 256);
            EvaluationResult r = new Evaluator(metrics, threads).evaluate(model, set, set.history(), ProgressListener.NONE);
            for (String m : metrics) assertEquals(plain.metric(m), r.metric(m), 1e-12, m + " with " + threads + " threads");
            assertEquals(users, model.calls.stream().mapToInt(Integer::intValue).sum(), "every user scored once");
            long full = model.calls.stream().filter(c -> c == 256).count();
            assertEquals(users / 256, full, "calls " + model.calls + " for " + users + " users");
            assertTrue(model.calls.stream().allMatch(c -> c <= 256), "calls " + model.calls);
        }
    }
}

package io.genrec.eval;

import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Bad inputs fail before or during evaluation with messages that name what is wrong. */
class EvaluatorErrorsTest {
    @Test
    void modelFailureInAWorkerThreadReachesTheCaller() {
        EvalSet set = EvalFixtures.randomEvalSet(300, 30, 5, 3, 9);
        FittedRecommender failing = new EvalFixtures.RandomScores(30, 9, 0) {
            @Override
            public void scoreAll(UserContext user, float[] out) {
                if (user.user() == 250) throw new IllegalStateException("model broke on user 250");
                super.scoreAll(user, out);
            }
        };
        var e = assertThrows(IllegalStateException.class,
                () -> new Evaluator(List.of("ndcg@5"), 2).evaluate(failing, set, null, null));
        assertEquals("model broke on user 250", e.getMessage());
    }

    @Test
    void itemCountMismatchNamesModelAndSet() {
        EvalSet set = EvalFixtures.randomEvalSet(5, 30, 5, 3, 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(List.of("ndcg@5"), 1).evaluate(new EvalFixtures.RandomScores(31, 1, 0), set, null, null));
        assertTrue(e.getMessage().contains("random") && e.getMessage().contains("31") && e.getMessage().contains("30"), e.getMessage());
    }

    @Test
    void popularityMetricsNeedMatchingTrainingData() {
        EvalSet set = EvalFixtures.randomEvalSet(5, 30, 5, 3, 1);
        EvalSet other = EvalFixtures.randomEvalSet(5, 30, 5, 3, 2);
        FittedRecommender model = new EvalFixtures.RandomScores(30, 1, 0);
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(List.of("novelty@5"), 1).evaluate(model, set, null, null));
        assertTrue(missing.getMessage().contains("training data"), missing.getMessage());
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(List.of("arp@5"), 1).evaluate(model, set, other.history(), null));
        assertTrue(mismatch.getMessage().contains("share id maps"), mismatch.getMessage());
    }

    @Test
    void explicitUsersMustHaveTargets() {
        int[][] history = {{0}, {1}}, targets = {{2}, {}};
        EvalSet set = EvalFixtures.evalSet(4, history, targets);
        var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(List.of("ndcg@2"), 1)
                .evaluate(new EvalFixtures.RandomScores(4, 1, 0), set, null, new int[] {0, 1}, null));
        assertTrue(e.getMessage().contains("'u1'") && e.getMessage().contains("no targets"), e.getMessage());
    }

    @Test
    void emptyEvalSetGivesNoUsers() {
        EvalSet set = EvalFixtures.evalSet(4, new int[][] {{0}}, new int[][] {{}});
        EvaluationResult r = new Evaluator(List.of("ndcg@2", "coverage@2"), 2).evaluate(new EvalFixtures.RandomScores(4, 1, 0), set, null, null);
        assertEquals(0, r.numUsers());
        assertTrue(Double.isNaN(r.metric("ndcg@2")));
        assertEquals(0, r.metric("coverage@2"));
    }
}

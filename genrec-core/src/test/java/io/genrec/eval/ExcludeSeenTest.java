package io.genrec.eval;

import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Re-consumption: a target that is already in the user's history can only be ranked when seen items are not excluded. */
class ExcludeSeenTest {
    // user 0 re-listens to item 1 (in history and target); user 1's target 3 is new; user 2 re-listens to 0 and 2.
    private static final EvalSet SET = EvalFixtures.evalSet(5, new int[][] {{0, 1}, {1, 2}, {0, 2}}, new int[][] {{1}, {3}, {0, 2, 4}});
    // Every user's model puts the target items first.
    private static final float[][] SCORES = {{0, 9, 1, 2, 3}, {0, 1, 2, 9, 3}, {9, 1, 8, 2, 7}};

    @Test
    void excludedTargetsAreCountedAndRankedOnlyWithoutExclusion() {
        EvaluationResult excluded = new Evaluator(List.of("hit@1", "recall@3"), 1).evaluate(new EvalFixtures.FixedScores(SCORES), SET, null, null);
        assertEquals(3, excluded.excludedTargets(), "targets in the history");
        assertEquals(2, excluded.usersWithExcludedTargets());
        assertEquals(5, excluded.targets());
        // user 0 cannot hit, user 1 hits, user 2 can only hit item 4
        assertEquals((0 + 1 + 1) / 3.0, excluded.metric("hit@1"), 1e-12);
        assertEquals((0 + 1 + 1 / 3.0) / 3.0, excluded.metric("recall@3"), 1e-12);

        EvaluationResult kept = new Evaluator(List.of("hit@1", "recall@3"), 1, null, false).evaluate(new EvalFixtures.FixedScores(SCORES), SET, null, null);
        assertEquals(0, kept.excludedTargets());
        assertEquals(0, kept.usersWithExcludedTargets());
        assertEquals(1.0, kept.metric("hit@1"), 1e-12);
        assertEquals(1.0, kept.metric("recall@3"), 1e-12);
    }
}

package io.genrec.eval;

import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.SlateGenerator;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Slate metrics through the evaluator ({@code --metrics slatehit@3,...}). History u0 {0,1}, u1 {0,1,2}, u2 {2,3};
 * targets u0 {2,3}, u1 {4}, u2 {0}; the scripted slates are u0 [2,3,4] (2 hits), u1 [3,4] (1 hit), u2 [1,1] (no hit,
 * one duplicate), so slatehit@3 = 2/3, slateprecision@3 = (2/3 + 1/3 + 0)/3 = 1/3, slateduplicates@3 = 1.
 */
class EvaluatorSlateTest {
    static final EvalSet SET = EvalFixtures.evalSet(5, new int[][] {{0, 1}, {0, 1, 2}, {2, 3}}, new int[][] {{2, 3}, {4}, {0}});

    static class Ranker implements FittedRecommender {
        @Override public String name() { return "ranker"; }
        @Override public int numItems() { return 5; }
        @Override public void scoreAll(UserContext user, float[] out) { java.util.Arrays.fill(out, 0f); }
        @Override public Provenance provenance() { return null; }
        @Override public Set<Capability> capabilities() { return EnumSet.noneOf(Capability.class); }
    }

    static final class Slates extends Ranker implements SlateGenerator {
        static final int[][] SLATES = {{2, 3, 4}, {3, 4}, {1, 1}};
        @Override public String name() { return "slates"; }
        @Override public Set<Capability> capabilities() { return EnumSet.of(Capability.LIST_GENERATION); }
        @Override public int[] generateSlate(UserContext user, int k, ItemFilter filter) { return SLATES[user.user()].clone(); }
    }

    @Test
    void slateMetricsAreComputedFromTheGeneratedSlates() {
        EvaluationResult r = new Evaluator(List.of("slatehit@3", "slateprecision@3", "slateduplicates@3", "slatediversity@3"), 1)
                .evaluate(new Slates(), SET, SET.history(), null);
        assertEquals(2.0 / 3, r.metric("slatehit@3"), 1e-12);
        assertEquals(1.0 / 3, r.metric("slateprecision@3"), 1e-12);
        assertEquals(1.0, r.metric("slateduplicates@3"), 1e-12);
        assertArrayEquals(new double[] {1, 1, 0}, r.perUser().get("slatehit@3"), 1e-12);
        assertTrue(Double.isFinite(r.metric("slatediversity@3")));
    }

    @Test
    void aModelThatOnlyRanksIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(List.of("ndcg@3", "slatehit@3"), 1).evaluate(new Ranker(), SET, SET.history(), null));
        assertTrue(e.getMessage().contains("model 'ranker' does not generate slates"), e.getMessage());
        assertTrue(e.getMessage().contains("listcvae"), e.getMessage());
    }
}

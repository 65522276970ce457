package io.genrec.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MetricSpecTest {
    @Test
    void parsesNamesCutoffsAndAliases() {
        assertEquals(new MetricSpec("ndcg@10", MetricSpec.Kind.NDCG, 10), MetricSpec.parse("ndcg@10"));
        assertEquals(new MetricSpec("HitRate@5", MetricSpec.Kind.HIT, 5), MetricSpec.parse(" HitRate@5 "));
        assertEquals(MetricSpec.Kind.TRUNCATED_RECALL, MetricSpec.parse("truncrecall@20").kind());
        assertEquals(0, MetricSpec.parse("mrr").k());
        assertEquals(7, MetricSpec.parse("mrr@7").k());
        assertEquals(MetricSpec.Kind.AUC, MetricSpec.parse("auc").kind());
        assertTrue(MetricSpec.parse("ild@10").perUser());
        assertFalse(MetricSpec.parse("gini@10").perUser());
        assertFalse(MetricSpec.parse("rmse").perUser());
    }

    @Test
    void badSpecsListTheValidForms() {
        for (String bad : List.of("ndgc@10", "ndcg", "auc@10", "recall@0", "recall@x", "rmse@5", "")) {
            var e = assertThrows(IllegalArgumentException.class, () -> MetricSpec.parse(bad), bad);
            assertTrue(e.getMessage().contains("valid metrics") && e.getMessage().contains("truncrecall@k")
                    && e.getMessage().contains("coverage@k"), e.getMessage());
        }
    }

    @Test
    void evaluatorRejectsUnknownMetricsAndBadThreads() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(List.of("ndcg@10", "foo@3"), 1));
        assertTrue(e.getMessage().contains("foo@3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(List.of("ndcg@10"), 0));
    }

    @Test
    void duplicateSpecsAreComputedOnce() {
        assertEquals(2, new Evaluator(List.of("ndcg@10", "mrr", "ndcg@10"), 1).metrics().size());
    }
}

package io.genrec.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Reports of a sampled-metrics experiment label every ranking metric and warn in the header. */
class SampledReportTest {
    private static ExperimentReport report(int sampledCandidates, String sampling) {
        ExperimentConfig cfg = new ExperimentConfig("d", "auto", 0, 0, "random-holdout", Map.of(), List.of("m"), Map.of(),
                List.of("recall@10", "ndcg@10"), 7L, 1, null, sampledCandidates, sampling);
        List<String> names = new ExperimentReport(List.of(), List.of(), null, "s", cfg, 0, "v", "c", "t", "x").metricNames();
        ModelResult r = new ModelResult("m", Map.of(names.get(0), 0.5, names.get(1), 0.25), 1, 1, 1, 3, null, List.of(),
                new int[0], Map.of());
        var data = new ExperimentReport.DatasetSummary("d", "src", 3, 9, 20, 3, "hash", "none");
        return new ExperimentReport(List.of(r), List.of(), data, "split", cfg, 1, "v", "c", "t", "x");
    }

    @Test
    void sampledReportLabelsMetricsAndWarns() throws Exception {
        ExperimentReport rep = report(100, "popularity");
        assertEquals(List.of("recall@10 (sampled: 100 popularity negatives)", "ndcg@10 (sampled: 100 popularity negatives)"),
                rep.metricNames());
        String md = ReportWriter.markdown(rep);
        assertTrue(md.contains("| recall@10 (sampled: 100 popularity negatives) |"), md);
        assertTrue(md.contains("| 0.5000 | 0.2500 |"), "values must be found under the labelled names: " + md);
        assertTrue(md.contains("SAMPLED METRICS, not comparable to full-ranking metrics"), md);
        assertFalse(md.contains("full ranking over all items"), md);
        JsonNode doc = new ObjectMapper().readTree(ReportWriter.json(rep));
        assertTrue(doc.get("evaluation").asText().startsWith("SAMPLED METRICS"), doc.toString());
        assertTrue(doc.get("results").get(0).get("metrics").has("ndcg@10 (sampled: 100 popularity negatives)"), doc.toString());
        assertEquals(100, doc.get("config").get("sampledCandidates").asInt());
        assertEquals("popularity", doc.get("config").get("sampling").asText());
    }

    @Test
    void fullRankingStaysTheDefault() throws Exception {
        ExperimentReport rep = report(0, null);
        assertEquals(List.of("recall@10", "ndcg@10"), rep.metricNames());
        assertNull(rep.config().sampled());
        assertNull(ExperimentConfig.defaults().sampled());
        assertTrue(ReportWriter.markdown(rep).contains("full ranking over all items"));
        assertEquals("full ranking over all items, training items excluded",
                new ObjectMapper().readTree(ReportWriter.json(rep)).get("evaluation").asText());
    }

    @Test
    void samplingWithoutCandidatesOrBadValuesAreErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> report(0, "popularity"));
        assertTrue(e.getMessage().contains("sampledCandidates"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> report(-1, null));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> report(100, "pop"));
        assertTrue(e.getMessage().contains("'pop'"), e.getMessage());
        assertEquals("uniform", report(100, null).config().sampling(), "uniform is the default sampling");
    }
}

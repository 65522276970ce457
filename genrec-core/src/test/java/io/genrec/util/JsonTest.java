package io.genrec.util;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.genrec.experiment.Comparison;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentReport;
import io.genrec.experiment.ModelResult;
import io.genrec.experiment.ReportWriter;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** JSON has no NaN or Infinity: GenRec writes null for them, never a "NaN" string or a bare NaN token. */
class JsonTest {
    /** A strict parser: a bare NaN token fails here instead of being read back as a number. */
    private static final JsonMapper STRICT = JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    record Sample(double d, float f, Double boxed, Map<String, Double> map, double[] ds, float[] fs) { }

    @Test
    void nonFiniteNumbersAreNull() throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("one", 1.0);
        String s = Json.MAPPER.writeValueAsString(new Sample(Double.NaN, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, m,
                new double[] {0.5, Double.NaN}, new float[] {Float.NaN, 2f}));
        assertFalse(s.contains("NaN") || s.contains("Infinity"), s);
        JsonNode n = STRICT.readTree(s);
        assertTrue(n.get("d").isNull(), s);
        assertTrue(n.get("f").isNull(), s);
        assertTrue(n.get("boxed").isNull(), s);
        assertTrue(n.get("map").get("nan").isNull(), s);
        assertEquals(1.0, n.get("map").get("one").asDouble());
        assertEquals(0.5, n.get("ds").get(0).asDouble());
        assertTrue(n.get("ds").get(1).isNull(), s);
        assertTrue(n.get("fs").get(0).isNull(), s);
        assertEquals(2.0, n.get("fs").get(1).asDouble());
    }

    @Test
    void evalReportWithNanMetricsIsStrictJson() throws Exception {
        ExperimentConfig cfg = new ExperimentConfig("d", "auto", 0, 0, "random-holdout", Map.of(), List.of("a", "b"), Map.of(),
                List.of("ndcg@10"), 7L, 1, null, 0, null);
        ModelResult a = new ModelResult("a", Map.of("ndcg@10", Double.NaN), Double.NaN, 1, 1, 3, null, List.of(), new int[0], Map.of());
        ModelResult b = new ModelResult("b", Map.of("ndcg@10", 0.25), 1, 1, 1, 3, null, List.of(), new int[0], Map.of());
        var data = new ExperimentReport.DatasetSummary("d", "src", 3, 9, 20, 3, "hash", "none");
        var cmp = new Comparison("a", "b", "ndcg@10", Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        String s = ReportWriter.json(new ExperimentReport(List.of(a, b), List.of(cmp), data, "split", cfg, 1, "v", "c", "t", "x"));
        assertFalse(s.contains("NaN"), s);
        JsonNode doc = STRICT.readTree(s);
        assertTrue(doc.get("results").get(0).get("metrics").get("ndcg@10").isNull(), s);
        assertTrue(doc.get("results").get(0).get("fitSeconds").isNull(), s);
        assertTrue(doc.get("comparisons").get(0).get("pValue").isNull(), s);
    }
}

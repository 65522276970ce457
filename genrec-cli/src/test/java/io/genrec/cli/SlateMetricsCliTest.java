package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code eval --metrics slatehit@10,...}: reachable for a slate model (listcvae), a clear error for a ranking model. */
class SlateMetricsCliTest {
    @Test
    void listCvaeReportsSlateMetrics() throws Exception {
        CliTest.Run r = CliTest.run("eval", "--models", "listcvae", "--param", "listcvae.epochs=1",
                "--metrics", "ndcg@10,slatehit@10,slateprecision@10,slatediversity@10,slateduplicates@10", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out()).get("results").get(0).get("metrics");
        double hit = m.get("slatehit@10").asDouble(), precision = m.get("slateprecision@10").asDouble();
        assertTrue(hit >= 0 && hit <= 1, m.toString());
        assertTrue(precision >= 0 && precision <= hit, "precision@10 <= hit rate: " + m);
        assertTrue(Double.isFinite(m.get("slatediversity@10").asDouble()), m.toString());
        assertEquals(0, m.get("slateduplicates@10").asDouble(), "a List-CVAE slate holds distinct items: " + m);
    }

    @Test
    void aRankingModelGetsAClearError() {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop", "--metrics", "slatehit@10", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("model 'mostpop' does not generate slates"), r.err());
    }
}

package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Item 2 of issue 9: an {@code llm} row that is really the popularity fallback says so on stderr, in the table and in JSON. */
class FallbackVisibilityTest {
    static void assumeNoEndpoint() {
        assumeTrue(System.getenv("OPENAI_BASE_URL") == null && System.getenv("OPENAI_API_KEY") == null,
                "an LLM endpoint is configured in the environment");
    }

    @Test
    void llmWithoutEndpointReportsFullFallbackInJsonAndOnStderr() throws Exception {
        assumeNoEndpoint();
        CliTest.Run r = CliTest.run("eval", "--models", "llm", "--metrics", "ndcg@10", "--format", "json", "--quiet", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        JsonNode fb = new ObjectMapper().readTree(r.out()).get("results").get(0).get("fallback");
        assertNotNull(fb, "results[0].fallback missing: " + r.out());
        assertEquals(1.0, fb.get("fraction").asDouble(), 1e-12);
        assertEquals(new ObjectMapper().readTree(r.out()).get("results").get(0).get("evaluatedUsers").asInt(), fb.get("users").asInt());
        assertTrue(fb.get("reason").asText().contains("no endpoint configured"), fb.toString());
        assertTrue(r.err().contains("warning: llm:") && r.err().contains("(100.0%)"), r.err());
    }

    @Test
    void llmWithoutEndpointIsMarkedInTheTableAndOtherModelsAreNot() {
        assumeNoEndpoint();
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop,llm", "--metrics", "ndcg@10", "--quiet", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| llm ⚠ fallback 100% |"), r.out());
        assertTrue(r.out().contains("| mostpop |"), r.out());
    }
}

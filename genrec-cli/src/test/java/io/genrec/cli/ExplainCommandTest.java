package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec explain}: the top-k in the common item shape plus a grounded explanation, template when no LLM is configured. */
class ExplainCommandTest {
    @Test
    void jsonHasOneExplainedRowPerRecommendation() throws Exception {
        FallbackVisibilityTest.assumeNoEndpoint();
        CliTest.Run r = CliTest.run("explain", "--user", "1", "--model", "mostpop", "--k", "3", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("template", doc.get("explainer").asText());
        JsonNode recs = doc.get("recommendations");
        assertEquals(3, recs.size());
        for (int i = 0; i < 3; i++) {
            JsonNode row = recs.get(i);
            assertEquals(i + 1, row.get("rank").asInt());
            for (String f : new String[] {"item", "title", "score", "explanation"}) assertNotNull(row.get(f), f + " missing in " + row);
            assertEquals("template", row.get("explanationSource").asText());
            // user 1 of MovieLens has a long history; a popular item shares categories with it, so the template cites them
            assertTrue(row.get("explanation").asText().contains("items in your history"), row.toString());
        }
        assertTrue(r.err().contains("no LLM endpoint configured"), "the template fallback is said on stderr: " + r.err());
    }

    @Test
    void unknownModelIsAOneLineError() {
        CliTest.Run r = CliTest.run("explain", "--user", "1", "--model", "nosuchmodel", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown model 'nosuchmodel'; known models:"), r.err());
    }
}

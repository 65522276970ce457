package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
    void referenceFileScoresTheExplanationsWithBleuAndRouge(@TempDir Path tmp) throws Exception {
        FallbackVisibilityTest.assumeNoEndpoint();
        CliTest.Run plain = CliTest.run("explain", "--user", "1", "--model", "mostpop", "--k", "3", "--format", "json", "--quiet");
        assertEquals(0, plain.exit(), plain.err());
        JsonNode recs = new ObjectMapper().readTree(plain.out()).get("recommendations");
        // item 1: its own explanation as reference (ROUGE F1 = 1); item 2: a reference sharing no word (0); item 3: none
        Path ref = tmp.resolve("refs.tsv");
        Files.writeString(ref, "# item<TAB>text\n" + recs.get(0).get("item").asText() + "\t" + recs.get(0).get("explanation").asText() + "\n"
                + recs.get(1).get("item").asText() + "\tzzyzx qwopt\n" + "no-such-item\tanything at all\n");
        CliTest.Run r = CliTest.run("explain", "--user", "1", "--model", "mostpop", "--k", "3", "--format", "json", "--quiet",
                "--reference", ref.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out()).get("textMetrics");
        assertEquals(2, m.get("items").asInt(), m.toString());
        assertEquals(0.5, m.get("rouge1").asDouble(), 1e-9);
        assertEquals(0.5, m.get("rougeL").asDouble(), 1e-9);
        double bleu = m.get("bleu4").asDouble();
        assertTrue(bleu > 0 && bleu < 1, "corpus BLEU of one exact and one disjoint sentence: " + bleu);

        Files.writeString(ref, "1\tfine\nno tab on this line\n");
        CliTest.Run bad = CliTest.run("explain", "--user", "1", "--model", "mostpop", "--reference", ref.toString(), "--quiet");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains(ref + ":2: expected ITEM<TAB>reference text"), bad.err());
    }

    @Test
    void unknownModelIsAOneLineError() {
        CliTest.Run r = CliTest.run("explain", "--user", "1", "--model", "nosuchmodel", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown model 'nosuchmodel'; known models:"), r.err());
    }
}

package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9 items 3 and 4 through the CLI: a model runs only under protocols it can honour (refused with exit 2 and
 * two lines naming the protocols that work), the protocol is chosen from the models when none is given and the
 * choice is reported, and degenerate data is an error with counts and hints, never a table of NaN.
 */
class ProtocolCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The error lines (stderr without the JVM's own warnings). */
    private static String[] errorLines(CliTest.Run r) {
        return r.err().lines().filter(l -> l.startsWith("genrec: ") || l.startsWith("(run with")).toArray(String[]::new);
    }

    @Test
    void sequenceModelUnderRandomHoldoutIsRefusedBeforeFitting() {
        CliTest.Run r = CliTest.run("eval", "--models", "sasrec", "--protocol", "random-holdout", "--param", "sasrec.epochs=1", "--quiet");
        assertEquals(2, r.exit(), r.err());
        String[] lines = errorLines(r);
        assertEquals(2, lines.length, "two lines: the error and the hint; got " + r.err());
        assertTrue(lines[0].contains("sasrec") && lines[0].contains("random-holdout"), lines[0]);
        assertTrue(lines[0].contains("leave-one-out") && lines[0].contains("temporal"), "names the protocols that work: " + lines[0]);
        assertFalse(r.err().contains("fitting sasrec"), "refused before fitting: " + r.err());
        assertEquals("", r.out(), "no table");
    }

    @Test
    void modelWithoutFoldInIsRefusedUnderStrongGeneralization() {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop,autorec", "--protocol", "strong-generalization", "--quiet");
        assertEquals(2, r.exit(), r.err());
        String first = errorLines(r)[0];
        assertTrue(first.contains("autorec") && first.contains("strong-generalization") && first.contains("leave-one-out"), first);
        assertFalse(r.err().contains("fitting"), r.err());
    }

    @Test
    void sequenceModelsGetLeaveOneOutWhenNoProtocolIsGivenAndSayWhy() throws Exception {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop,sasrec", "--param", "sasrec.epochs=1", "--metrics", "ndcg@10",
                "--format", "json", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("leave-one-out", doc.get("protocol").asText());
        assertTrue(doc.get("split").asText().startsWith("leave-one-out("), doc.get("split").asText());
        assertTrue(doc.get("protocolChosenBecause").asText().contains("sasrec"), doc.get("protocolChosenBecause").asText());
        assertTrue(r.err().contains("protocol: leave-one-out"), "the choice is on stderr: " + r.err());
        assertEquals(2, doc.get("results").size(), "the baseline runs on the same split");
    }

    @Test
    void baselinesKeepTheRandomHoldoutDefaultAndSaySo() throws Exception {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop", "--metrics", "ndcg@10", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("random-holdout", doc.get("protocol").asText());
        assertTrue(doc.get("split").asText().startsWith("random-holdout("));
        assertFalse(doc.get("protocolChosenBecause").asText().isBlank());
    }

    @Test
    void configFileWithoutProtocolChoosesFromTheModelsToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exp.json");
        Files.writeString(file, """
                {"models": ["sasrec"], "modelParams": {"sasrec": {"epochs": "1"}}, "metrics": ["ndcg@10"]}
                """);
        CliTest.Run r = CliTest.run("eval", "--config", file.toString(), "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals("leave-one-out", JSON.readTree(r.out()).get("protocol").asText());
    }

    @Test
    void configFileAskingForALeakyProtocolIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exp.json");
        Files.writeString(file, """
                {"models": ["gru4rec"], "protocol": "random-holdout"}
                """);
        CliTest.Run r = CliTest.run("eval", "--config", file.toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(errorLines(r)[0].contains("gru4rec"), r.err());
    }

    @Test
    void dataEmptiedByTheFiltersIsAnErrorWithCountsAndHints() {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop", "--k-core", "1000", "--quiet");
        assertEquals(2, r.exit(), r.err());
        String[] lines = errorLines(r);
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].contains("--k-core 0"), lines[0]);
        assertTrue(lines[0].contains("100836 interactions"), "counts before the filters: " + lines[0]);
        assertTrue(lines[0].contains("1000/1000-core"), "names the filter that emptied it: " + lines[0]);
        assertFalse(r.out().contains("NaN"), r.out());
    }

    @Test
    void splitWithoutTestUsersIsAnError() {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop", "--protocol", "leave-one-out",
                "--protocol-param", "min-interactions=100000", "--quiet");
        assertEquals(2, r.exit(), r.err());
        String first = errorLines(r)[0];
        assertTrue(first.contains("no test users") && first.contains("min-interactions"), first);
        assertFalse(r.out().contains("NaN"), r.out());
    }
}

package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** End-to-end checks of the CLI contract on the bundled data: JSON shape, exit codes, one-line errors. */
class CliTest {
    record Run(int exit, String out, String err) { }

    /** Fitted models of {@code recommend} are cached here, never in the user's home, unless a test says otherwise. */
    private static final Path TEST_CACHE;

    static {
        try {
            TEST_CACHE = Files.createTempDirectory("genrec-test-cache-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the directory is this test run's own: remove it when the test JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var s = Files.walk(TEST_CACHE)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (java.io.IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }));
    }

    static Run run(String... args) { return runWithCache(TEST_CACHE, args); }

    static synchronized Run runWithCache(Path cache, String... args) {
        String oldCache = System.getProperty(RecommendCommand.CACHE_DIR_PROPERTY);
        System.setProperty(RecommendCommand.CACHE_DIR_PROPERTY, cache.toString());
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StringWriter pErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = GenrecCli.commandLine();
            cl.setErr(new PrintWriter(pErr, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + pErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            if (oldCache == null) System.clearProperty(RecommendCommand.CACHE_DIR_PROPERTY);
            else System.setProperty(RecommendCommand.CACHE_DIR_PROPERTY, oldCache);
        }
    }

    @Test
    void evalJsonIsOneDocumentWithResults() throws Exception {
        Run r = run("eval", "--models", "mostpop,itemknn", "--metrics", "ndcg@10,recall@20", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode results = doc.get("results");
        assertEquals(2, results.size());
        assertEquals("mostpop", results.get(0).get("model").asText());
        double ndcgPop = results.get(0).get("metrics").get("ndcg@10").asDouble();
        double ndcgKnn = results.get(1).get("metrics").get("ndcg@10").asDouble();
        assertTrue(ndcgPop > 0 && ndcgPop < 1, "ndcg@10 of mostpop = " + ndcgPop);
        assertTrue(ndcgKnn > ndcgPop, "itemknn (" + ndcgKnn + ") should beat popularity (" + ndcgPop + ") on MovieLens");
        assertTrue(results.get(0).get("fitSeconds").isNumber());
        assertTrue(results.get(0).get("evalSeconds").isNumber());
    }

    @Test
    void sampledEvalLabelsEveryMetricAndWarns() throws Exception {
        Run r = run("eval", "--models", "mostpop", "--metrics", "ndcg@10,recall@10", "--sampled-candidates", "100",
                "--sampling", "popularity", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode metrics = doc.get("results").get(0).get("metrics");
        assertEquals(2, metrics.size(), metrics.toString());
        double sampled = metrics.get("ndcg@10 (sampled: 100 popularity negatives)").asDouble();
        assertTrue(sampled > 0 && sampled <= 1, "sampled ndcg@10 = " + sampled);
        assertTrue(doc.get("evaluation").asText().contains("not comparable to full-ranking metrics"), doc.get("evaluation").asText());
        Run table = run("eval", "--models", "mostpop", "--metrics", "ndcg@10", "--sampled-candidates", "100", "--quiet");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("ndcg@10 (sampled: 100 uniform negatives)") && table.out().contains("SAMPLED METRICS"), table.out());
    }

    @Test
    void sampledCandidatesNotBelowTheCatalogueFailNamingTheValue() {
        Run r = run("eval", "--models", "mostpop", "--metrics", "ndcg@10", "--sampled-candidates", "100000", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("100000"), r.err());
        Run noN = run("eval", "--models", "mostpop", "--sampling", "popularity", "--quiet");
        assertEquals(2, noN.exit());
        assertTrue(noN.err().contains("sampledCandidates"), noN.err());
    }

    @Test
    void unknownModelFailsWithOneLineNamingIt() {
        Run r = run("eval", "--models", "nosuchmodel", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown model 'nosuchmodel'"), r.err());
        assertTrue(r.err().contains("ease"), "the message should list known models: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    @Test
    void unknownMetricFails() {
        Run r = run("eval", "--models", "mostpop", "--metrics", "ndgc@10", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ndgc@10"), r.err());
    }

    @Test
    void unknownModelParameterFails() {
        Run r = run("eval", "--models", "ease", "--param", "ease.lamda=3", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("lamda"), r.err());
    }

    @Test
    void configFileWithUnknownFieldNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("exp.json");
        Files.writeString(cfg, "{\n  \"models\": [\"mostpop\"],\n  \"metrix\": [\"ndcg@10\"]\n}\n");
        Run r = run("eval", "--config", cfg.toString(), "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(cfg + ":3"), r.err());
        assertTrue(r.err().contains("metrix"), r.err());
    }

    @Test
    void missingDataDirectoryIsNamed() {
        Run r = run("eval", "--data", "movielens:/nonexistent/dir", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("/nonexistent/dir"), r.err());
    }

    @Test
    void recommendPrintsKItemsWithoutSeenOnes() throws Exception {
        Run r = run("recommend", "--user", "1", "--model", "mostpop", "--k", "5", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode recs = new ObjectMapper().readTree(r.out()).get("recommendations");
        assertEquals(5, recs.size());
        assertFalse(recs.get(0).get("title").asText().isEmpty(), "titles come from the bundled movies.csv");
    }

    @Test
    void recommendContinuesASequenceWithBeamSearch() throws Exception {
        Run r = run("recommend", "--user", "1", "--model", "sasrec", "--param", "sasrec.epochs=1", "--param", "sasrec.max_len=20",
                "--continue", "3", "--beam", "2", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode beams = new ObjectMapper().readTree(r.out()).get("continuations");
        assertEquals(2, beams.size());
        java.util.Set<String> history = new java.util.HashSet<>();
        var in = CliTest.class.getResourceAsStream("/io/genrec/data/bundled/ml-latest-small/ratings.csv");
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split(",");
            if (f[0].equals("1") && Double.parseDouble(f[2]) >= 4) history.add(f[1]);
        }
        for (JsonNode beam : beams) {
            java.util.Set<String> items = new java.util.HashSet<>();
            for (JsonNode it : beam.get("items")) items.add(it.get("item").asText());
            assertEquals(3, items.size(), "three distinct items: " + beam);
            for (String it : items) assertFalse(history.contains(it), "continuation repeats history item " + it);
        }
        assertTrue(beams.get(0).get("logProb").asDouble() >= beams.get(1).get("logProb").asDouble(), "best beam first");
    }

    @Test
    void continueNeedsASequenceModel() {
        Run r = run("recommend", "--user", "1", "--model", "mostpop", "--continue", "3", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--continue needs a sequence model"), r.err());
    }

    @Test
    void unknownUserIsAnError() {
        Run r = run("recommend", "--user", "no-such-user", "--model", "mostpop", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown user 'no-such-user'"), r.err());
    }

    @Test
    void helpReadsWell() {
        Run r = run("eval", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("--protocol"));
        assertTrue(r.out().contains("Examples"));
        assertTrue(r.out().contains("(20% test, 10% of the rest validation)"), r.out());
    }

    /** picocli formats help text with String.format: a bare '%' prints a WARN line and the raw text. */
    @Test
    void everyHelpTextIsAValidFormatString() {
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(List.of(GenrecCli.commandLine()));
        int checked = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            var usage = cl.getCommandSpec().usageMessage();
            List<String> lines = new java.util.ArrayList<>();
            lines.addAll(List.of(usage.description()));
            lines.addAll(List.of(usage.footer()));
            lines.addAll(List.of(usage.header()));
            for (var o : cl.getCommandSpec().options()) lines.addAll(List.of(o.description()));
            for (String line : lines) {
                String text = line.replace("${DEFAULT-VALUE}", "").replace("${COMPLETION-CANDIDATES}", "");
                assertDoesNotThrow(() -> String.format(text), cl.getCommandName() + ": " + line);
                checked++;
            }
            todo.addAll(cl.getSubcommands().values());
        }
        assertTrue(checked > 20, "checked " + checked + " help lines");
    }

    @Test
    void negativesFlagSetsTheSamplerOfSasrec() throws Exception {
        Run r = run("eval", "--models", "sasrec", "--negatives", "irgan", "--param", "sasrec.epochs=1", "--param", "sasrec.hidden_size=8",
                "--param", "sasrec.max_len=10", "--param", "sasrec.irgan_warmup=0", "--metrics", "ndcg@10", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode negatives = new ObjectMapper().readTree(r.out()).get("results").get(0).findValue("negatives");
        assertNotNull(negatives, "the fitted model's provenance names its negative sampling: " + r.out());
        assertEquals("irgan", negatives.get("kind").asText());
    }

    @Test
    void negativesFlagFailsClearlyForModelsWithoutSampledNegatives() {
        Run r = run("eval", "--models", "sasrec,gru4rec", "--negatives", "irgan", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--negatives irgan: model 'gru4rec' does not train with sampled negatives"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
        Run bad = run("eval", "--models", "sasrec", "--negatives", "hard", "--quiet");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("'hard'") && bad.err().contains("uniform"), bad.err());
        Run conflict = run("eval", "--models", "sasrec", "--negatives", "irgan", "--param", "sasrec.negatives=uniform", "--quiet");
        assertEquals(2, conflict.exit());
        assertTrue(conflict.err().contains("conflicts"), conflict.err());
    }
}

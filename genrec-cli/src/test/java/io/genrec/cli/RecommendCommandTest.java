package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec recommend}: arguments checked before any fitting, fitted models cached between runs, early stopping. */
class RecommendCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** No progress line (no fitting, no Gram matrix, no epoch) may precede the error: only the error itself. */
    private static void failsBeforeFitting(String expected, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("(run with --verbose")).toList();
        assertEquals(1, lines.size(), "only the error, no fitting or progress before it: " + r.err());
    }

    @Test
    void everyArgumentIsCheckedBeforeFitting(@TempDir Path dir) throws Exception {
        failsBeforeFitting("--k must be >= 1, got 0", "recommend", "--user", "1", "--model", "itemknn", "--k", "0");
        failsBeforeFitting("--continue must be >= 1, got 0", "recommend", "--user", "1", "--model", "sasrec",
                "--param", "sasrec.epochs=1", "--continue", "0");
        failsBeforeFitting("--beam must be >= 1, got 0", "recommend", "--user", "1", "--model", "sasrec",
                "--param", "sasrec.epochs=1", "--continue", "2", "--beam", "0");
        failsBeforeFitting("--continue needs a sequence model", "recommend", "--user", "1", "--model", "itemknn", "--continue", "3");
        failsBeforeFitting("unknown user 'nobody'", "recommend", "--user", "nobody", "--model", "itemknn");
        failsBeforeFitting("unknown model 'nosuch'", "recommend", "--user", "1", "--model", "nosuch", "--data", "csv:/nonexistent/x.csv");
        failsBeforeFitting("lamda", "recommend", "--user", "1", "--model", "ease", "--param", "ease.lamda=3");
        failsBeforeFitting("--param itemknn.k=3 names model 'itemknn'", "recommend", "--user", "1", "--model", "ease", "--param", "itemknn.k=3");
        Path notAModel = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(notAModel.resolve("holiday.jpg"), "not GenRec's");
        failsBeforeFitting("is not a saved GenRec model", "recommend", "--user", "1", "--model", "itemknn", "--save", notAModel.toString());
        assertTrue(Files.exists(notAModel.resolve("holiday.jpg")), "a directory GenRec did not write is left alone");
    }

    @Test
    void secondCallUsesTheCachedModel(@TempDir Path cache) throws Exception {
        String[] args = {"recommend", "--user", "1", "--model", "itemknn", "--param", "itemknn.neighbours=50", "--k", "5", "--format", "json", "--quiet"};
        CliTest.Run first = CliTest.runWithCache(cache, args);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("fitting itemknn") && first.err().contains("caching it in " + cache), first.err());
        List<Path> entries;
        try (var s = Files.list(cache.resolve("models"))) { entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList(); }
        assertEquals(1, entries.size(), "one cached model: " + entries);
        assertTrue(Files.isRegularFile(entries.get(0).resolve("model.json")), entries.get(0).toString());

        CliTest.Run second = CliTest.runWithCache(cache, args);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("using cached itemknn model " + entries.get(0)), second.err());
        assertFalse(second.err().contains("fitting"), second.err());
        assertEquals(JSON.readTree(first.out()), JSON.readTree(second.out()), "the cached model recommends what the fitted one did");

        CliTest.Run other = CliTest.runWithCache(cache, "recommend", "--user", "1", "--model", "itemknn", "--param", "itemknn.neighbours=20",
                "--k", "5", "--quiet");
        assertTrue(other.err().contains("fitting itemknn"), "another config is another cache entry: " + other.err());

        CliTest.Run bypass = CliTest.runWithCache(cache, "recommend", "--user", "1", "--model", "itemknn", "--param", "itemknn.neighbours=50",
                "--k", "5", "--no-cache", "--quiet");
        assertEquals(0, bypass.exit(), bypass.err());
        assertTrue(bypass.err().contains("fitting itemknn") && bypass.err().contains("--no-cache"), bypass.err());
        assertFalse(bypass.err().contains("using cached"), bypass.err());
    }

    @Test
    void neuralModelsStopEarlyOnAHeldOutValidationSet(@TempDir Path cache) throws Exception {
        CliTest.Run r = CliTest.runWithCache(cache, "recommend", "--user", "1", "--model", "multvae", "--param", "multvae.epochs=40",
                "--param", "multvae.patience=1", "--param", "multvae.hidden_dims=32", "--param", "multvae.latent_dim=8", "--k", "3", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("for early stopping"), r.err());
        Path dir;
        try (var s = Files.list(cache.resolve("models"))) { dir = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow(); }
        JsonNode prov = JSON.readTree(dir.resolve("model.json").toFile()).get("provenance");
        assertTrue(prov.get("split").asText().startsWith("validation"), prov.toString());
        assertTrue(prov.get("timings").get("epochs").asDouble() < 40, "patience 1 stops before the 40th epoch: " + prov);
    }

    @Test
    void modelParamsUseTheModelPrefixAndTheOldFormIsDeprecated() {
        CliTest.Run ok = CliTest.run("recommend", "--user", "1", "--model", "itemknn", "--param", "itemknn.neighbours=10", "--k", "3", "--quiet", "--no-cache");
        assertEquals(0, ok.exit(), ok.err());
        assertFalse(ok.err().contains("deprecated"), ok.err());
        CliTest.Run old = CliTest.run("recommend", "--user", "1", "--model", "itemknn", "--param", "neighbours=10", "--k", "3", "--quiet", "--no-cache");
        assertEquals(0, old.exit(), old.err());
        assertTrue(old.err().contains("--param neighbours=10 is deprecated; write --param itemknn.neighbours=10"), old.err());
        assertEquals(ok.out(), old.out());
    }
}

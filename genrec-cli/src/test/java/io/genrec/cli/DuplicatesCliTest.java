package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --duplicates} on the commands that load data, and {@code "duplicates"} in the experiment file. */
class DuplicatesCliTest {
    @TempDir Path dir;

    /** 8 users with 4 distinct items each; every user plays item "a" three times (2, 2 and 3 plays). */
    private String spec() throws Exception {
        String[] row = {"a,2", "i%d,1", "i%d,1", "i%d,1", "a,2", "a,3"}; // item,plays at times 0..5
        StringBuilder sb = new StringBuilder("user,item,plays,time\n");
        for (int u = 0; u < 8; u++)
            for (int t = 0; t < row.length; t++) sb.append(u).append(',').append(String.format(row[t], (u + t) % 6)).append(',').append(t).append('\n');
        Path csv = dir.resolve("plays.csv");
        Files.writeString(csv, sb.toString());
        return "csv:" + csv + "?header=true&user=user&item=item&rating=plays&time=time";
    }

    private static JsonNode json(Path file) throws Exception { return new ObjectMapper().readTree(file.toFile()); }

    @Test
    void evalRecordsThePolicyInDataJsonAndResults() throws Exception {
        String data = spec();
        Path out = dir.resolve("run");
        CliTest.Run r = CliTest.run("eval", "--data", data, "--duplicates", "first", "--implicit", "none", "--k-core", "0",
                "--protocol-param", "min-interactions=3", "--models", "mostpop", "--metrics", "ndcg@10", "--output", out.toString(), "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals("KEEP_FIRST", json(out.resolve("models/mostpop/data.json")).get("duplicates").asText());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("first", doc.get("config").get("duplicates").asText(), "the results record the policy");
        assertTrue(doc.toString().contains("duplicates=first"), "preprocessing line names the policy: " + doc.get("dataset"));

        Path kept = dir.resolve("kept");
        CliTest.Run k = CliTest.run("eval", "--data", data, "--implicit", "none", "--k-core", "0", "--protocol-param", "min-interactions=3", "--models", "mostpop",
                "--metrics", "ndcg@10", "--output", kept.toString(), "--format", "json", "--quiet");
        assertEquals(0, k.exit(), k.err());
        assertEquals("KEEP_ALL", json(kept.resolve("models/mostpop/data.json")).get("duplicates").asText(), "default: keep all");
        assertNotEquals(json(kept.resolve("models/mostpop/data.json")).get("dataHash"), json(out.resolve("models/mostpop/data.json")).get("dataHash"),
                "dropping the repeated rows changes the data the model is tied to");
    }

    @Test
    void configFileFieldIsApplied() throws Exception {
        Path cfg = dir.resolve("e.json");
        Files.writeString(cfg, "{\"data\": \"" + spec() + "\", \"implicit\": \"none\", \"userCore\": 0, \"itemCore\": 0,\n"
                + " \"duplicates\": \"last\", \"protocolParams\": {\"min-interactions\": \"3\"}, \"models\": [\"mostpop\"], \"metrics\": [\"ndcg@10\"]}");
        Path out = dir.resolve("run");
        CliTest.Run r = CliTest.run("eval", "--config", cfg.toString(), "--output", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals("KEEP_LAST", json(out.resolve("models/mostpop/data.json")).get("duplicates").asText());
        CliTest.Run over = CliTest.run("eval", "--config", cfg.toString(), "--duplicates", "max", "--output", dir.resolve("run2").toString(), "--quiet");
        assertEquals(0, over.exit(), over.err());
        assertEquals("MAX", json(dir.resolve("run2/models/mostpop/data.json")).get("duplicates").asText(), "the option overrides the file");
    }

    @Test
    void recommendSavesThePolicyAndALoadedModelKeepsIt() throws Exception {
        String data = spec();
        Path saved = dir.resolve("model");
        CliTest.Run r = CliTest.run("recommend", "--user", "0", "--model", "mostpop", "--data", data, "--implicit", "none",
                "--duplicates", "sum", "--save", saved.toString(), "--no-cache", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("SUM", json(saved.resolve("data.json")).get("duplicates").asText());
        CliTest.Run loaded = CliTest.run("recommend", "--user", "0", "--load", saved.toString(), "--format", "json");
        assertEquals(0, loaded.exit(), loaded.err());
        CliTest.Run clash = CliTest.run("recommend", "--user", "0", "--load", saved.toString(), "--duplicates", "first");
        assertEquals(2, clash.exit(), clash.err());
        assertTrue(clash.err().contains("saved with --duplicates sum"), clash.err());
    }

    @Test
    void badValueNamesTheOptionAndTheChoices() throws Exception {
        String data = spec();
        for (String cmd : new String[] {"eval", "recommend", "explain"}) {
            CliTest.Run r = cmd.equals("eval")
                    ? CliTest.run("eval", "--data", data, "--duplicates", "mean", "--models", "mostpop")
                    : CliTest.run(cmd, "--user", "0", "--data", data, "--duplicates", "mean");
            assertNotEquals(0, r.exit(), cmd);
            assertTrue(r.err().contains("--duplicates 'mean': expected one of keep, first, last, sum, max"), cmd + ": " + r.err());
        }
    }
}

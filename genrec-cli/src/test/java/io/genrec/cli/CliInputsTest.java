package io.genrec.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI on data as users have it, and a clean stderr. */
class CliInputsTest {
    @TempDir Path dir;

    /** 30 users with 6 distinct items each out of 12, time-ordered: small enough to train SASRec for one epoch fast. */
    private Path tinySequences() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 30; u++)
            for (int k = 0; k < 6; k++) sb.append(u).append('\t').append((u + k * 5) % 12).append('\t').append(k).append('\n');
        Path f = dir.resolve("tiny.tsv");
        Files.writeString(f, sb.toString());
        return f;
    }

    /**
     * Runs the real entry point in a fresh JVM without the launcher's logging flags, so the libraries' first-use
     * logging (DJL's PyTorch engine start, slf4j-simple defaults) shows up unless the CLI main itself silences it.
     */
    @Test
    void stderrHasNoLibraryInfoLinesWhenPyTorchLoads() throws Exception {
        Path data = tinySequences();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), GenrecCli.class.getName(),
                "eval", "--data", "tsv:" + data + "?time=2", "--protocol", "leave-one-out", "--k-core", "0", "--models", "sasrec",
                "--param", "sasrec.epochs=1", "--metrics", "ndcg@10", "--threads", "1", "--quiet"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Path err = dir.resolve("stderr.txt"), out = dir.resolve("stdout.txt");
        Process p = pb.redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "eval did not finish");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(Files.readString(out).contains("| sasrec |"), "stdout: " + Files.readString(out));
        for (String line : stderr.split("\n"))
            assertFalse(line.contains("INFO"), "library INFO line on stderr: " + line + "\nwhole stderr:\n" + stderr);
    }

    /** 20 users; each listens to items a, b, c and then a again: under leave-one-out every target is a re-listen. */
    private Path relistens() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 20; u++) {
            int a = u % 6, b = (u + 1) % 6, c = (u + 2) % 6;
            int[] seq = {a, b, c, a};
            for (int t = 0; t < seq.length; t++) sb.append('u').append(u).append('\t').append('i').append(seq[t]).append('\t').append(t).append('\n');
        }
        Path f = dir.resolve("listens.tsv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void reconsumedTargetsAreWarnedCountedAndSwitchable() throws Exception {
        String data = "tsv:" + relistens() + "?time=2";
        String[] base = {"eval", "--data", data, "--protocol", "leave-one-out", "--k-core", "0", "--implicit", "none",
                "--models", "mostpop", "--metrics", "hit@3", "--threads", "1"};
        CliTest.Run json = CliTest.run(concat(base, "--format", "json"));
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.err().contains("20 of 20 test targets") && json.err().contains("--exclude-seen false"), json.err());
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        com.fasterxml.jackson.databind.JsonNode ex = doc.get("excludedTargets");
        assertEquals(20, ex.get("excluded").asInt(), ex.toString());
        assertEquals(20, ex.get("users").asInt(), ex.toString());
        assertTrue(ex.get("excludeSeen").asBoolean(), ex.toString());
        assertEquals(0.0, doc.get("results").get(0).get("metrics").get("hit@3").asDouble(), "every target is excluded");
        assertTrue(doc.get("dataset").get("implicitDetection").asText().startsWith("implicit=none"), doc.get("dataset").toString());

        CliTest.Run table = CliTest.run(concat(base, "--quiet"));
        assertTrue(table.out().contains("20 of 20 test targets"), table.out());

        CliTest.Run kept = CliTest.run(concat(base, "--exclude-seen", "false", "--format", "json"));
        assertEquals(0, kept.exit(), kept.err());
        com.fasterxml.jackson.databind.JsonNode keptDoc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(kept.out());
        assertEquals(0, keptDoc.get("excludedTargets").get("excluded").asInt());
        assertFalse(keptDoc.get("excludedTargets").get("excludeSeen").asBoolean());
        assertTrue(keptDoc.get("results").get(0).get("metrics").get("hit@3").asDouble() > 0, keptDoc.get("results").toString());
        assertTrue(keptDoc.get("config").get("excludeSeen").asBoolean() == false);
    }

    /** Play counts: the models that treat every interaction as 1 must say that they ignored the counts. */
    @Test
    void ignoredWeightsAreReportedPerModel() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 20; u++)
            for (int k = 0; k < 5; k++) sb.append('u').append(u).append('\t').append('i').append((u + 3 * k) % 9).append('\t').append(1 + (u * 7 + k * 13) % 40).append('\n');
        Path f = dir.resolve("plays.tsv");
        Files.writeString(f, sb.toString());
        CliTest.Run r = CliTest.run("eval", "--data", "tsv:" + f + "?rating=2", "--k-core", "0", "--models", "mostpop,itemknn",
                "--metrics", "ndcg@5", "--threads", "1", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("itemknn ignores the interaction values"), r.err());
        assertTrue(r.err().contains("implicit=auto: only"), "auto must keep play counts and say why: " + r.err());
        com.fasterxml.jackson.databind.JsonNode w = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("weights");
        assertEquals("[\"mostpop\",\"itemknn\"]", w.get("ignoredBy").toString(), w.toString());
        assertEquals(40.0, w.get("maxValue").asDouble(), w.toString());
        assertTrue(w.get("nonBinaryInteractions").asLong() > 0, w.toString());

        // ALS with weighting=log uses the counts and is listed as such.
        CliTest.Run als = CliTest.run("eval", "--data", "tsv:" + f + "?rating=2", "--k-core", "0", "--models", "als,itemknn",
                "--param", "als.weighting=log", "--metrics", "ndcg@5", "--threads", "1", "--format", "json");
        assertEquals(0, als.exit(), als.err());
        com.fasterxml.jackson.databind.JsonNode wa = new com.fasterxml.jackson.databind.ObjectMapper().readTree(als.out()).get("weights");
        assertEquals("[\"als\"]", wa.get("usedBy").toString(), wa.toString());
        assertEquals("[\"itemknn\"]", wa.get("ignoredBy").toString(), wa.toString());
        assertFalse(als.err().contains("als ignores"), als.err());

        // Binarised data has no weights to ignore: no warning, empty list.
        CliTest.Run bin = CliTest.run("eval", "--data", "tsv:" + f + "?rating=2", "--implicit", "10", "--k-core", "0", "--models", "itemknn",
                "--metrics", "ndcg@5", "--threads", "1", "--format", "json");
        assertEquals(0, bin.exit(), bin.err());
        assertFalse(bin.err().contains("ignores the interaction values"), bin.err());
        assertEquals(0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(bin.out()).get("weights").get("ignoredBy").size());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

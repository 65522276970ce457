package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code eval --groups/--harm} end to end on the bundled data, and {@code genrec report} over its output. */
class HarmCliTest {
    @Test
    void missingAttributeFailsBeforeAnyFitAndNamesWhatTheDataHas() {
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop", "--groups", "gender");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("has no user attribute 'gender'") && r.err().contains("activity, mainstream"), r.err());
        assertFalse(r.err().contains("fitting mostpop"), "the check runs before fitting: " + r.err());
    }

    @Test
    void configFileGroupsAreUsed(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("exp.json");
        Files.writeString(cfg, "{\"models\": [\"mostpop\"], \"groups\": [\"occupation\"]}");
        CliTest.Run r = CliTest.run("eval", "--config", cfg.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("has no user attribute 'occupation'"), r.err());
    }

    @Test
    void groupsAndHarmMetricsInJsonAndReport(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CliTest.Run r = CliTest.run("eval", "--models", "mostpop", "--metrics", "ndcg@10", "--harm", "--groups", "activity,mainstream",
                "--output", out.toString(), "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(Files.readString(out.resolve("results.json")));
        JsonNode activity = doc.path("groups").path("mostpop").path("activity");
        int users = 0;
        for (String g : new String[] {"low", "mid", "high"}) users += activity.path(g).path("users").asInt();
        assertEquals(doc.path("results").get(0).path("evaluatedUsers").asInt(), users, activity.toString());
        assertTrue(activity.path("gap").path("ndcg@10").isNumber() && activity.path("p_value").path("ndcg@10").isNumber(), activity.toString());
        assertEquals(2, activity.path("cut_points").size());
        JsonNode metrics = doc.path("results").get(0).path("metrics");
        for (String m : HarmAnalysis.HARM_METRICS) assertTrue(metrics.path(m).isNumber(), m + " in " + metrics);
        double shares = metrics.path("headshare@10").asDouble() + metrics.path("midshare@10").asDouble() + metrics.path("tailshare@10").asDouble();
        assertEquals(1, shares, 1e-9);
        double catalogue = 0;
        for (String b : new String[] {"head", "mid", "tail"}) catalogue += doc.path("popularityBuckets").path(b).path("catalogueShare").asDouble();
        assertEquals(1, catalogue, 1e-9);
        JsonNode iv = doc.path("metricIntervals").path("mostpop").path("ndcg@10");
        double mean = metrics.path("ndcg@10").asDouble();
        assertTrue(iv.get(0).asDouble() <= mean && mean <= iv.get(1).asDouble(), iv + " around " + mean);
        assertTrue(new ObjectMapper().readTree(r.out()).path("groups").path("mostpop").has("mainstream"), "stdout JSON has the groups too");

        Path html = tmp.resolve("report.html");
        CliTest.Run rep = CliTest.run("report", "--input", tmp.toString(), "--output", html.toString());
        assertEquals(0, rep.exit(), rep.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<svg"), "plots are inline SVG");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "no external assets");
        assertTrue(page.contains(doc.path("dataset").path("contentHash").asText()), "data hash in the provenance");
        assertTrue(page.contains(doc.path("gitCommit").asText()), "git commit in the provenance");
        assertTrue(page.contains("gap ndcg@10 (activity)") && Pattern.compile("Not measured in these results: [^<]*robustness").matcher(page).find(), "table columns");
        CliTest.Run again = CliTest.run("report", "--input", tmp.toString(), "--output", html.toString());
        assertEquals(2, again.exit(), "an existing file is not replaced without --overwrite");
        assertEquals(page, Files.readString(html));
    }

    @Test
    void reportWithoutResultsIsAClearError(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("report", "--input", tmp.toString(), "--output", tmp.resolve("r.html").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no results.json found"), r.err());
        assertFalse(Files.exists(tmp.resolve("r.html")));
    }
}

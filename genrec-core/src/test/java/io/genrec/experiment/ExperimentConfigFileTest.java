package io.genrec.experiment;

import io.genrec.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExperimentConfigFileTest {
    @Test
    void fileFieldsOverrideDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.json");
        Files.writeString(f, """
                {"data": "presplit:x", "protocol": "given", "models": ["ease"],
                 "modelParams": {"ease": {"lambda": "200"}}, "metrics": ["ndcg@20"], "seed": 7}
                """);
        ExperimentConfig c = ExperimentConfigFile.merge(ExperimentConfig.defaults(), ExperimentConfigFile.read(f));
        assertEquals("presplit:x", c.data());
        assertEquals(List.of("ease"), c.models());
        assertEquals("200", c.modelParams().get("ease").get("lambda"));
        assertEquals(7, c.seed());
        assertEquals("auto", c.implicit(), "absent fields keep the default");
    }

    @Test
    void unknownFieldNamesLineAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\n \"seed\": 1,\n \"modles\": [\"ease\"]\n}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ExperimentConfigFile.read(f));
        assertEquals(3, e.line());
        assertEquals("modles", e.field());
        assertTrue(e.getMessage().startsWith(f + ":3"), e.getMessage());
    }

    @Test
    void wrongTypeNamesField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"seed\": \"abc\"}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ExperimentConfigFile.read(f));
        assertEquals("seed", e.field());
    }

    @Test
    void badImplicitValueIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("d", "four", 0, 0, "p", null,
                List.of("ease"), null, List.of("ndcg@10"), 1, 1, null));
        assertTrue(e.getMessage().contains("implicit"));
    }

    @Test
    void autoThresholdDetectsExplicitRatings() {
        var b = new io.genrec.data.Dataset.Builder("t");
        b.add("u", "a", 5f, 1).add("u", "b", 3f, 2);
        assertEquals(4f, ExperimentRunner.resolveThreshold("auto", b.build()));
        var c = new io.genrec.data.Dataset.Builder("t");
        c.add("u", "a", 1f, 1).add("u", "b", 1f, 2);
        var implicitData = c.build();
        assertNull(ExperimentRunner.resolveThreshold("auto", implicitData));
        assertNull(ExperimentRunner.resolveThreshold("none", implicitData));
        assertEquals(3.5f, ExperimentRunner.resolveThreshold("3.5", implicitData));
    }

    /** 6 users with 4 distinct items each; item "a" is played 3 times by every user (plays 2, 2, 3). */
    private static Path playsWithDuplicates(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("user,item,plays,time\n");
        for (int u = 0; u < 6; u++) {
            int t = 0;
            sb.append(u).append(",a,2,").append(t++).append('\n');
            for (int k = 0; k < 3; k++) sb.append(u).append(",i").append((u + k) % 5).append(",1,").append(t++).append('\n');
            sb.append(u).append(",a,2,").append(t++).append('\n').append(u).append(",a,3,").append(t++).append('\n');
        }
        Path csv = dir.resolve("plays.csv");
        Files.writeString(csv, sb.toString());
        return csv;
    }

    @Test
    void duplicatesPolicyFromTheFileIsAppliedAndRecorded(@TempDir Path dir) throws Exception {
        Path csv = playsWithDuplicates(dir);
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"data\": \"csv:" + csv + "?header=true&user=user&item=item&rating=plays&time=time\",\n"
                + " \"implicit\": \"none\", \"userCore\": 0, \"itemCore\": 0, \"duplicates\": \"sum\", \"protocolParams\": {\"min-interactions\": \"3\"}, \"models\": [\"mostpop\"]}");
        ExperimentConfig c = ExperimentConfigFile.merge(ExperimentConfig.defaults(), ExperimentConfigFile.read(f));
        assertEquals("sum", c.duplicates());
        var prepared = new ExperimentRunner(io.genrec.model.RecommenderRegistry.of(), io.genrec.model.ProgressListener.NONE, s -> { })
                .prepare(c, java.util.List.of());
        assertEquals("SUM", prepared.binding().duplicates(), "data.json records the policy");
        assertEquals(io.genrec.data.prep.Preprocessing.DuplicatePolicy.SUM, prepared.binding().preprocessing().duplicates());
        assertTrue(prepared.preprocessing().contains("duplicates=sum"), prepared.preprocessing());
        var s = prepared.split();
        int rows = s.train().numInteractions() + s.test().targets().numInteractions()
                + (s.validation() == null ? 0 : s.validation().targets().numInteractions());
        assertEquals(6 * 4, rows, "each user's three 'a' rows became one");
        assertEquals(6, prepared.binding().users().size());
        float total = 0;
        for (var part : List.of(s.train(), s.test().targets())) for (float v : part.values()) total += v;
        if (s.validation() != null) for (float v : s.validation().targets().values()) total += v;
        assertEquals(6 * (7 + 3), total, 1e-6, "the 'a' rows carry 2 + 2 + 3 = 7 plays; nothing is lost by summing");

        ExperimentConfig keep = ExperimentConfigFile.merge(c, new ExperimentConfigFile.Fields(null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, "keep", null));
        assertEquals("KEEP_ALL", new ExperimentRunner(io.genrec.model.RecommenderRegistry.of(), io.genrec.model.ProgressListener.NONE,
                x -> { }).prepare(keep, List.of()).binding().duplicates());
    }

    @Test
    void badDuplicatesValueNamesFieldAndAllowedValues(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"duplicates\": \"mean\"}");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfigFile.merge(ExperimentConfig.defaults(), ExperimentConfigFile.read(f)));
        assertEquals("config field 'duplicates' (--duplicates) 'mean': expected one of keep, first, last, sum, max", e.getMessage());
    }
}

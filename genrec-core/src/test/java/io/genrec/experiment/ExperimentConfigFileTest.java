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
}

package io.genrec.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code genrec serve} refuses bad setups before it opens a store or fits anything (the running server: readme-check). */
class ServeCommandTest {
    @Test
    void refusesToBindOffLoopbackWithoutAnApiKey(@TempDir Path dir) {
        Path data = dir.resolve("data");
        CliTest.Run r = CliTest.run("serve", "--host", "0.0.0.0", "--port", "0", "--data-dir", data.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("API key"), r.err());
        assertFalse(Files.exists(data), "nothing is created before the checks pass");
    }

    @Test
    void badOptionsFailBeforeAnyWork(@TempDir Path dir) {
        String data = dir.resolve("data").toString();
        CliTest.Run every = CliTest.run("serve", "--port", "0", "--data-dir", data, "--retrain-every", "soon");
        assertEquals(2, every.exit());
        assertTrue(every.err().contains("--retrain-every"), every.err());
        CliTest.Run model = CliTest.run("serve", "--port", "0", "--data-dir", data, "--models", "ease,nosuchmodel");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("nosuchmodel"), model.err());
        CliTest.Run param = CliTest.run("serve", "--port", "0", "--data-dir", data, "--models", "ease", "--param", "itemknn.k=5");
        assertEquals(2, param.exit());
        assertTrue(param.err().contains("not served"), param.err());
        CliTest.Run key = CliTest.run("serve", "--port", "0", "--data-dir", data, "--api-key", "short");
        assertEquals(2, key.exit());
        assertFalse(Files.exists(Path.of(data)));
    }

    @Test
    void retrainDurations() {
        assertEquals(Duration.ofMinutes(30), ServeCommand.duration("30m"));
        assertEquals(Duration.ofHours(1), ServeCommand.duration("PT1H"));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.duration("0s"));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.duration("-5m"));
    }
}

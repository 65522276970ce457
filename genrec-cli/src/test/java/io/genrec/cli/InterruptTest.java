package io.genrec.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SIGTERM during neural training: the process stops at the next batch, closes native memory and exits 143 with one
 * line, instead of crashing inside libtorch (an hs_err_pid*.log and a crash banner). Runs the CLI as a real process
 * with the launcher's JVM flags.
 */
class InterruptTest {
    /** Starts {@code genrec eval} training Mult-VAE in {@code dir}; returns the process once training has begun. */
    /** Starts {@code genrec eval} training Mult-VAE in {@code dir} (output in files there); returns once training has begun. */
    static Process startTraining(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dai.djl.offline=true", "-XX:+UseParallelGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-cp", System.getProperty("java.class.path"), "io.genrec.cli.GenrecCli",
                "eval", "--models", "multvae", "--param", "multvae.epochs=50", "--metrics", "ndcg@10");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(dir.resolve("stderr.txt")).lines().anyMatch(l -> l.startsWith("train "))) {
            assertTrue(p.isAlive(), "exited before training: " + Files.readString(dir.resolve("stderr.txt")));
            assertTrue(System.nanoTime() < deadline, "training did not start: " + Files.readString(dir.resolve("stderr.txt")));
            Thread.sleep(100);
        }
        return p;
    }

    @Test
    void sigtermDuringTrainingExitsCleanlyWith143(@TempDir Path dir) throws Exception {
        Process p = startTraining(dir);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "no exit within 60 s of SIGTERM");
        String all = Files.readString(dir.resolve("stderr.txt")) + "\n" + Files.readString(dir.resolve("stdout.txt"));
        assertEquals(143, p.exitValue(), all);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList(), "JVM crash log written: " + all);
        }
        assertFalse(all.contains("A fatal error has been detected"), all);
        assertTrue(all.contains("genrec: interrupted; nothing saved"), all);
        assertFalse(all.contains("StoppedException") || all.contains("invalid argument"), "no error line for a requested stop: " + all);
    }
}

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
}

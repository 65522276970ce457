package io.genrec.llm.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The header every benchmark result file carries: date, git commit, JVM and machine. */
public final class BenchmarkInfo {
    private BenchmarkInfo() { }

    public static String markdown() {
        String sha = git("rev-parse", "HEAD");
        String dirty = git("status", "--porcelain", "--untracked-files=no").isBlank() ? "" : " (with uncommitted changes)";
        return "- date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n"
                + "- git commit: " + sha + dirty + "\n"
                + "- JVM: " + System.getProperty("java.vendor") + " " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM ("
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "), shared with other jobs; load average at start "
                + loadAverage() + "\n";
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}

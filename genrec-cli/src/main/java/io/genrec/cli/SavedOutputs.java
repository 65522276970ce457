package io.genrec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * What this process has written, for the one line an interrupted run prints ("interrupted; nothing saved" or the
 * paths): files and directories recorded when written, plus the entries of watched output directories (and their
 * {@code models/}) modified since the process started.
 */
final class SavedOutputs {
    private static final List<Path> RECORDED = new CopyOnWriteArrayList<>();
    private static final List<Path> WATCHED = new CopyOnWriteArrayList<>();
    private static final long STARTED = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
            .orElse(System.currentTimeMillis());

    private SavedOutputs() { }

    static void record(Path p) { RECORDED.add(p); }

    static void watch(Path dir) { if (dir != null) WATCHED.add(dir); }

    /** "nothing saved", or "saved: PATH, PATH". */
    static String summary() {
        List<String> out = new ArrayList<>();
        for (Path p : RECORDED) out.add(p.toString());
        for (Path dir : WATCHED) {
            for (Path d : List.of(dir, dir.resolve("models"))) {
                if (!Files.isDirectory(d)) continue;
                try (Stream<Path> s = Files.list(d)) {
                    for (Path p : s.sorted().toList()) {
                        if (p.getFileName().toString().startsWith(".") || p.equals(dir.resolve("models"))) continue;
                        if (Files.getLastModifiedTime(p).toMillis() >= STARTED && !out.contains(p.toString())) out.add(p.toString());
                    }
                } catch (IOException e) {
                    out.add(d + " (unreadable: " + e.getMessage() + ")");
                }
            }
        }
        return out.isEmpty() ? "nothing saved" : "saved: " + String.join(", ", out);
    }
}

package io.genrec.llm.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/** Writes an index directory atomically: callers fill a temporary sibling, then it replaces the target. */
final class IndexFiles {
    private IndexFiles() { }

    /** A fresh temporary directory next to {@code target}. */
    static Path tempSibling(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, ".genrec-index-");
    }

    /** Deletes {@code target} if present and moves {@code filled} into its place. */
    static void replace(Path filled, Path target) throws IOException {
        if (Files.exists(target)) {
            try (var s = Files.walk(target)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.move(filled, target, StandardCopyOption.ATOMIC_MOVE);
    }
}

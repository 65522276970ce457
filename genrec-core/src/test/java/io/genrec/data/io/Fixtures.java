package io.genrec.data.io;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers for loader tests: write fixture files, find the shared real data sets. */
final class Fixtures {
    private Fixtures() { }

    static Path write(Path dir, String name, String... lines) { return write(dir, name, StandardCharsets.UTF_8, lines); }

    static Path write(Path dir, String name, Charset cs, String... lines) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, String.join("\n", lines) + "\n", cs);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A folder of the shared data sets ({@code shared/data} next to the repository: {@code ../shared/data} from the
     * repository root, {@code ../../shared/data} from the module dir). Ancestors of the module dir are searched so
     * git worktrees nested deeper find it too; skips the test when absent.
     */
    static Path shared(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data").resolve(name);
            if (Files.exists(candidate)) return candidate;
        }
        Assumptions.abort("shared data set not present: shared/data/" + name);
        return null;
    }
}

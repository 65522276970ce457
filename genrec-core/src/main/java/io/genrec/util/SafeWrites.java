package io.genrec.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;

/**
 * The one way GenRec writes files and directories, so it never destroys what it did not write. A directory is
 * written into a fresh temporary sibling, marked with {@value #MARKER} (its kind and format version), and moved into
 * place; an existing target is replaced only when it is empty or carries a marker of the same kind, otherwise the
 * write is refused naming the path. A file is written to a temporary sibling and moved over the target atomically.
 * A writer that throws leaves the target as it was and removes only the temporary it created.
 */
public final class SafeWrites {
    /** The marker file GenRec puts into every directory it writes. */
    public static final String MARKER = ".genrec-archive";
    public static final int MARKER_VERSION = 1;

    /** Kinds of GenRec directories; a directory is only ever replaced by one of its own kind. */
    public static final String MODEL = "model", EVAL_OUTPUT = "eval-output", VECTOR_INDEX = "vector-index";

    private SafeWrites() { }

    /** Fills a fresh, empty directory. */
    @FunctionalInterface
    public interface DirectoryWriter { void write(Path dir) throws IOException; }

    /** Writes a file's content. */
    @FunctionalInterface
    public interface StreamWriter { void write(OutputStream out) throws IOException; }

    /** The kind in {@code dir}'s marker, or null when it has none (or is not a directory). */
    public static String kindOf(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) return null;
        Properties p = new Properties();
        try (var in = Files.newInputStream(marker)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        return p.getProperty("kind");
    }

    /**
     * Checks that a directory of {@code kind} may be written at {@code target}: it is absent, an empty directory, or a
     * GenRec directory of the same kind. Otherwise throws naming the path and why, before any work is done.
     */
    public static void checkReplaceable(Path target, String kind) {
        if (!Files.exists(target)) return;
        if (!Files.isDirectory(target))
            throw new IllegalArgumentException("refusing to write " + kind + " to " + target + ": a file is there (GenRec never overwrites a file it did not write)");
        String found = kindOf(target);
        if (kind.equals(found)) return;
        if (isEmptyDirectory(target)) return;
        if (found != null)
            throw new IllegalArgumentException("refusing to write " + kind + " to " + target + ": it holds a GenRec " + found + ", not a " + kind);
        throw new IllegalArgumentException("refusing to replace " + target + ": it is a non-empty directory GenRec did not write (no "
                + MARKER + " marker); choose a new path or empty it yourself");
    }

    /**
     * Writes a directory of {@code kind} at {@code target} atomically: {@code writer} fills a temporary sibling, the
     * marker is added, and the result is moved into place, replacing an allowed existing target
     * ({@link #checkReplaceable}). If anything fails, {@code target} is left as it was.
     */
    public static void writeDirectory(Path target, String kind, DirectoryWriter writer) throws IOException {
        checkReplaceable(target, kind);
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".genrec-tmp-");
        try {
            writer.write(tmp);
            mark(tmp, kind);
            install(tmp, abs, kind);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Writes the marker of {@code kind} into {@code dir} (a directory GenRec owns). */
    public static void mark(Path dir, String kind) throws IOException {
        String text = "# written by GenRec; a directory with this file may be replaced by GenRec\nkind=" + kind
                + "\nversion=" + MARKER_VERSION + "\n";
        Files.writeString(dir.resolve(MARKER), text, StandardCharsets.UTF_8);
    }

    /** Moves the filled {@code tmp} to {@code target}, first moving an existing (checked) target aside. */
    private static void install(Path tmp, Path target, String kind) throws IOException {
        if (!Files.exists(target)) {
            move(tmp, target);
            return;
        }
        checkReplaceable(target, kind); // again: it may have changed while the writer ran
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".genrec-old-");
        Files.delete(old); // only the unique name is wanted
        move(target, old);
        try {
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            move(old, target);
            throw e;
        }
        deleteTree(old);
    }

    /** Writes a file at {@code target} atomically via a temporary sibling; an existing file is replaced. */
    public static void writeFile(Path target, StreamWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) throw new IllegalArgumentException("refusing to write file " + target + ": a directory is there");
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".genrec-tmp-", "");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** {@link #writeFile} with UTF-8 text. */
    public static Path writeString(Path target, String text) throws IOException {
        writeFile(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Deletes a tree GenRec created itself (a temporary or a replaced marked directory). */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException ignored) {
                    // already gone
                }
            }
        }
    }
}

package io.genrec.util;

import io.genrec.model.ModelArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** GenRec never deletes what it did not write, and a failed write leaves the previous archive intact. */
class SafeWritesTest {
    @Test
    void aUserDirectoryAtTheTargetIsNeverDeleted(@TempDir Path root) throws IOException {
        Path target = root.resolve("mine");
        Files.createDirectories(target);
        Path precious = Files.writeString(target.resolve("thesis.tex"), "three years of work");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ModelArchive().putFloats("w", new float[] {1f}).write(target, "m", null));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals("three years of work", Files.readString(precious));
        try (var s = Files.list(root)) {
            assertEquals(1, s.count(), "no temporary directory is left behind");
        }
    }

    @Test
    void aFileAtTheTargetIsNeverReplacedByADirectory(@TempDir Path root) throws IOException {
        Path target = Files.writeString(root.resolve("notes.txt"), "keep");
        assertThrows(IllegalArgumentException.class, () -> new ModelArchive().write(target, "m", null));
        assertEquals("keep", Files.readString(target));
    }

    @Test
    void anEarlierGenRecArchiveIsReplaced(@TempDir Path root) throws IOException {
        Path target = root.resolve("model");
        new ModelArchive().putFloats("w", new float[] {1f}).write(target, "m", null);
        assertEquals(SafeWrites.MODEL, SafeWrites.kindOf(target));
        new ModelArchive().putFloats("w", new float[] {2f, 3f}).write(target, "m", null);
        assertArrayEquals(new float[] {2f, 3f}, ModelArchive.read(target).floats("w"));
        try (var s = Files.list(root)) {
            assertEquals(1, s.count(), "the old archive and the temporary are gone");
        }
    }

    @Test
    void anEmptyDirectoryMayBeUsed(@TempDir Path root) throws IOException {
        Path target = Files.createDirectories(root.resolve("empty"));
        new ModelArchive().putInts("i", new int[] {7}).write(target, "m", null);
        assertArrayEquals(new int[] {7}, ModelArchive.read(target).ints("i"));
    }

    @Test
    void aWriterThatThrowsLeavesTheOldArchiveIntact(@TempDir Path root) throws IOException {
        Path target = root.resolve("model");
        new ModelArchive().putFloats("w", new float[] {1f}).write(target, "m", null);
        assertThrows(IllegalStateException.class, () -> SafeWrites.writeDirectory(target, SafeWrites.MODEL, dir -> {
            Files.writeString(dir.resolve("model.json"), "{ half");
            throw new IllegalStateException("simulated crash");
        }));
        assertArrayEquals(new float[] {1f}, ModelArchive.read(target).floats("w"));
        try (var s = Files.list(root)) {
            assertEquals(1, s.count(), "the temporary is removed");
        }
    }

    @Test
    void anArchiveOfAnotherKindIsNotReplaced(@TempDir Path root) throws IOException {
        Path target = root.resolve("out");
        SafeWrites.writeDirectory(target, SafeWrites.EVAL_OUTPUT, dir -> Files.writeString(dir.resolve("results.json"), "{}"));
        var e = assertThrows(IllegalArgumentException.class, () -> new ModelArchive().write(target, "m", null));
        assertTrue(e.getMessage().contains("eval-output"), e.getMessage());
        assertTrue(Files.exists(target.resolve("results.json")));
    }

    @Test
    void filesAreReplacedAtomicallyAndAFailedWriteKeepsTheOld(@TempDir Path root) throws IOException {
        Path f = root.resolve("results.json");
        SafeWrites.writeString(f, "one");
        SafeWrites.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        assertThrows(IOException.class, () -> SafeWrites.writeFile(f, out -> {
            out.write('x');
            throw new IOException("disk full");
        }));
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(root)) {
            assertEquals(1, s.count());
        }
    }
}

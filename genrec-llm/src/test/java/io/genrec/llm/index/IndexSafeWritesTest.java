package io.genrec.llm.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Saving or creating a vector index never deletes a directory GenRec did not write; an earlier index is replaced. */
class IndexSafeWritesTest {
    @Test
    void exactIndexSaveRefusesAUserDirectoryAndReplacesAnEarlierIndex(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("photos"));
        Path precious = Files.writeString(dir.resolve("holiday.jpg"), "pixels");
        ExactVectorIndex index = new ExactVectorIndex(2);
        index.add(1, new float[] {1, 0});
        var e = assertThrows(IllegalArgumentException.class, () -> index.save(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertEquals("pixels", Files.readString(precious));

        Path out = root.resolve("index");
        index.save(out);
        index.add(2, new float[] {0, 1});
        index.save(out);
        assertEquals(2, VectorIndex.load(out).size());
    }

    @Test
    void hnswIndexRefusesAUserDirectory(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("mine"));
        Path precious = Files.writeString(dir.resolve("segments_1"), "not an index, but named like one");
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswIndex.create(dir, 2, LuceneHnswIndex.Config.DEFAULT));
        try (LuceneHnswIndex index = LuceneHnswIndex.inMemory(2, LuceneHnswIndex.Config.DEFAULT)) {
            index.add(1, new float[] {1, 0});
            assertThrows(IllegalArgumentException.class, () -> index.save(dir));
        }
        assertEquals("not an index, but named like one", Files.readString(precious));
    }
}

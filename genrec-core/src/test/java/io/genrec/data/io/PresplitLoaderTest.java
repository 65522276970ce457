package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.split.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresplitLoaderTest {
    @TempDir Path dir;

    @Test
    void sharesIdsAndMasksTrainAndValidForTest() {
        Fixtures.write(dir, "train.tsv", "user\titem", "0\t0", "0\t1", "1\t1");
        Fixtures.write(dir, "valid.tsv", "user\titem", "0\t2");
        Fixtures.write(dir, "test.tsv", "user\titem", "0\t3", "2\t0");
        Split s = PresplitLoader.load(dir);
        Dataset train = s.train();
        assertEquals("given(" + dir + ")", s.description());
        assertEquals(3, train.numUsers(), "user 2 only in test still has an id");
        assertEquals(4, train.numItems());
        assertEquals(3, train.numInteractions());
        assertSame(train.userIds(), s.test().targets().userIds());
        assertSame(train, s.validation().history());
        assertSame(train, s.test().history(), "the test is queried with the train history (DiffRec)");
        assertEquals("valid", s.validation().name());
        assertEquals("test", s.test().name());
        int u0 = train.userIds().indexOf("0");
        Dataset excluded = s.test().excluded();
        assertEquals(4, excluded.numInteractions());
        assertArrayEquals(new int[] {train.itemIds().indexOf("0"), train.itemIds().indexOf("1"), train.itemIds().indexOf("2")},
                excluded.itemsOf(u0), "train + valid items are masked in the test");
        assertArrayEquals(new int[] {0, 2}, s.test().evaluatedUsers());
    }

    @Test
    void optionalValueColumnAndNoHeader() {
        Fixtures.write(dir, "train.tsv", "a\tx\t2.5", "b\ty");
        Fixtures.write(dir, "valid.tsv", "a\ty\t1");
        Fixtures.write(dir, "test.tsv", "b\tx");
        Split s = PresplitLoader.load(SourceDir.of(dir), PresplitLoader.Header.AUTO);
        assertEquals(2, s.train().numInteractions(), "no header detected: first line is data");
        assertArrayEquals(new float[] {2.5f}, s.train().valuesOf(s.train().userIds().indexOf("a")));
    }

    @Test
    void malformedLinesAndMissingFiles() {
        Fixtures.write(dir, "train.tsv", "user\titem", "0\t0", "1");
        Fixtures.write(dir, "valid.tsv", "0\t2");
        Fixtures.write(dir, "test.tsv", "0\t3");
        DataFormatException e = assertThrows(DataFormatException.class, () -> PresplitLoader.load(dir));
        assertTrue(e.getMessage().contains("train.tsv:3: field 'item': missing"), e.getMessage());
        Fixtures.write(dir, "train.tsv", "0\t0\tgood");
        e = assertThrows(DataFormatException.class, () -> PresplitLoader.load(dir));
        assertTrue(e.getMessage().contains("train.tsv:1: field 'value': got 'good', expected a finite number"), e.getMessage());
        Fixtures.write(dir, "train.tsv", "0\t0\t1\t7");
        e = assertThrows(DataFormatException.class, () -> PresplitLoader.load(dir));
        assertTrue(e.getMessage().contains("train.tsv:1") && e.getMessage().contains("4 fields"), e.getMessage());
        Fixtures.write(dir, "train.tsv", "0\t0");
        java.io.File valid = dir.resolve("valid.tsv").toFile();
        assertTrue(valid.delete());
        e = assertThrows(DataFormatException.class, () -> PresplitLoader.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve("valid.tsv").toString()) && e.getMessage().contains("missing file"), e.getMessage());
    }

    @Test
    void realDiffRecSplitCounts() {
        Split s = PresplitLoader.load(Fixtures.shared("ml-1m-diffrec"));
        assertEquals(403_277, s.train().numInteractions());
        assertEquals(110_722, s.validation().targets().numInteractions());
        assertEquals(57_532, s.test().targets().numInteractions());
        assertEquals(5_949, s.train().numUsers());
        assertEquals(2_810, s.train().numItems());
        assertEquals(403_277 + 110_722, s.test().excluded().numInteractions());
    }
}

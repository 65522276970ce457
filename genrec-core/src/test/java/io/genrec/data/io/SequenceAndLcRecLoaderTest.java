package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceAndLcRecLoaderTest {
    @TempDir Path dir;

    private static void assertError(Runnable r, String... parts) {
        DataFormatException e = assertThrows(DataFormatException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
    }

    @Test
    void sequenceLinesKeepFileOrderAsTime() {
        Path f = Fixtures.write(dir, "Beauty/user_sequence.txt", "A1 i3 i1 i2", "B2  i1\ti3", "C3 i3 i3");
        Dataset d = SequenceFileLoader.load(f);
        assertEquals("Beauty/user_sequence", d.name());
        assertEquals(3, d.numUsers());
        assertEquals(3, d.numItems());
        assertEquals(7, d.numInteractions());
        int a = d.userIds().indexOf("A1");
        assertArrayEquals(new int[] {d.itemIds().indexOf("i3"), d.itemIds().indexOf("i1"), d.itemIds().indexOf("i2")}, d.itemsOf(a));
        assertArrayEquals(new long[] {0, 1, 2}, d.timesOf(a));
        assertArrayEquals(new float[] {1, 1, 1}, d.valuesOf(a));
        assertEquals(2, d.historyLength(d.userIds().indexOf("C3")), "repeats are kept");
    }

    @Test
    void sequenceErrors() {
        Path f = Fixtures.write(dir, "s.txt", "A1 i1", "B2");
        assertError(() -> SequenceFileLoader.load(f), "s.txt:2", "field 'item'", "no items");
        Path g = Fixtures.write(dir, "t.txt", "A1 i1", "", "A1 i2");
        assertError(() -> SequenceFileLoader.load(g), "t.txt:3", "field 'user'", "'A1'", "one line only");
    }

    @Test
    void realAmazonBeautySequences() {
        Dataset d = SequenceFileLoader.load(Fixtures.shared("amazon-5core-seq-beauty-sports-toys").resolve("Beauty/user_sequence.txt"));
        assertEquals(22_363, d.numUsers());
        assertEquals(12_101, d.numItems());
        assertEquals(198_502, d.numInteractions());
    }

    private void writeLcRec() {
        Fixtures.write(dir, "Sci.inter.json", "{\"0\": [0, 1, 2], \"1\": [2, 0]}");
        Fixtures.write(dir, "Sci.item.json", "{",
                "  \"0\": {\"title\": \"Relay kit\", \"description\": \"Hard start kit\", \"brand\": \"Supco\", \"categories\": \"Industrial & Scientific,Electrical\"},",
                "  \"1\": {\"title\": \"Staples\", \"description\": \"\", \"brand\": \"Stanley\", \"categories\": \"\"},",
                "  \"2\": {\"title\": \"Gloves\"},",
                "  \"9\": {\"title\": \"Unused\"}",
                "}");
    }

    @Test
    void lcRecSequencesAndItemText() {
        writeLcRec();
        Dataset d = AmazonLcRecLoader.load(dir);
        assertEquals("Sci", d.name());
        assertEquals(2, d.numUsers());
        assertEquals(3, d.numItems(), "item 9 has no interactions");
        assertEquals(5, d.numInteractions());
        int u1 = d.userIds().indexOf("1");
        assertArrayEquals(new int[] {d.itemIds().indexOf("2"), d.itemIds().indexOf("0")}, d.itemsOf(u1));
        assertArrayEquals(new long[] {0, 1}, d.timesOf(u1));
        Item relay = d.catalog().get(d.itemIds().indexOf("0"));
        assertEquals("Relay kit", relay.title());
        assertEquals(List.of("Industrial & Scientific", "Electrical"), relay.categories());
        assertEquals(Map.of("description", "Hard start kit", "brand", "Supco"), relay.text());
        assertEquals(Map.of("brand", "Stanley"), d.catalog().get(d.itemIds().indexOf("1")).text());
    }

    @Test
    void lcRecErrors() {
        writeLcRec();
        Fixtures.write(dir, "Sci.inter.json", "{\"0\": [0, 1],", "  \"1\": [2, {\"x\": 1}]}");
        assertError(() -> AmazonLcRecLoader.load(dir), "Sci.inter.json:2", "field 'user 1'", "expected an item id");
        Fixtures.write(dir, "Sci.inter.json", "{\"0\": 5}");
        assertError(() -> AmazonLcRecLoader.load(dir), "Sci.inter.json:1", "field 'user 0'", "'5'", "expected an array");
        Fixtures.write(dir, "Sci.inter.json", "{\"0\": [0, 1]");
        assertError(() -> AmazonLcRecLoader.load(dir), "Sci.inter.json:", "malformed JSON");
        writeLcRec();
        Fixtures.write(dir, "Sci.item.json", "{", "\"0\": {\"title\": \"x\"},", "\"1\": {\"title\": 7}}");
        assertError(() -> AmazonLcRecLoader.load(dir), "Sci.item.json:3", "field 'item 1.title'", "'7'", "expected a string");
    }

    @Test
    void realLcRecScientific() {
        Dataset d = AmazonLcRecLoader.load(Fixtures.shared("amazon-scientific-lcrec"));
        assertEquals(8_317, d.numUsers());
        assertEquals(4_344, d.numItems());
        assertEquals(58_492, d.numInteractions());
        Item first = d.catalog().get(d.itemIds().indexOf("0"));
        assertTrue(first.title().startsWith("SUPCO SPP6"), first.title());
        assertEquals("Sealed Unit Parts Co., Inc.", first.text().get("brand"));
    }
}

package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Item files of csv:/tsv: specs: titles, text and categories by column; literal TSV fields; errors naming file and line. */
class ItemFileLoaderTest {
    @Test
    void tsvItemFileGivesTitlesTextAndCategories(@TempDir Path dir) throws Exception {
        Path plays = dir.resolve("plays.tsv"), artists = dir.resolve("artists.tsv");
        Files.writeString(plays, "u1\ta1\nu1\ta2\nu2\ta1\nu2\ta3\n");
        Files.writeString(artists, "id\tname\tbio\ttags\na1\t\"Weird Al\" Yankovic\tparody songs\tcomedy|pop\na2\tNina Simone\tjazz singer\tjazz\n");
        Dataset d = DataSpecs.load("tsv:" + plays + "?items=" + artists + "&item_id=id&item_title=name&item_text=bio&item_categories=tags").data();
        var a1 = d.catalog().get(d.itemIds().indexOf("a1"));
        assertEquals("\"Weird Al\" Yankovic", a1.title(), "a quote in a TSV field is a character");
        assertEquals(List.of("comedy", "pop"), a1.categories());
        assertEquals(Map.of("bio", "parody songs"), a1.text());
        assertEquals("", d.catalog().get(d.itemIds().indexOf("a3")).title(), "an item without a row keeps only its id");
        assertEquals(4, d.numInteractions());
    }

    @Test
    void duplicateIdsUnmatchedFilesAndStrayOptionsAreErrors(@TempDir Path dir) throws Exception {
        Path plays = dir.resolve("plays.csv"), items = dir.resolve("items.csv");
        Files.writeString(plays, "user,item\nu1,a1\nu2,a2\n");
        Files.writeString(items, "item,title\na1,One\na2,Two\na1,Again\n");
        var dup = assertThrows(DataFormatException.class, () -> DataSpecs.load("csv:" + plays + "?user=user&item=item&items=" + items + "&item_title=title"));
        assertTrue(dup.getMessage().contains("items.csv") && dup.getMessage().contains("lines 2 and 4"), dup.getMessage());
        Files.writeString(items, "item,title\nx1,One\n");
        var none = assertThrows(DataFormatException.class, () -> DataSpecs.load("csv:" + plays + "?user=user&item=item&items=" + items + "&item_title=title"));
        assertTrue(none.getMessage().contains("none of its 1 ids"), none.getMessage());
        var stray = assertThrows(IllegalArgumentException.class, () -> DataSpecs.load("csv:" + plays + "?user=user&item=item&item_title=title"));
        assertTrue(stray.getMessage().contains("'item_title' needs items=FILE"), stray.getMessage());
    }
}

package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonlItemLoaderTest {
    @TempDir Path dir;

    @Test
    void sequencesSpecAttachesAsinKeyedTextAndLeavesUnknownItemsBare() throws Exception {
        Path seq = Files.writeString(dir.resolve("user_sequence.txt"), "u1 A B C\nu2 B C D\n");
        Path items = Files.writeString(dir.resolve("items.jsonl"), String.join("\n",
                "{\"asin\": \"A\", \"title\": \"Red lipstick\", \"categories\": [[\"Beauty\", \"Makeup\"]], \"brand\": \"Acme\"}",
                "{\"asin\": \"B\", \"title\": \"title_3\", \"title_placeholder\": true, \"categories\": []}",
                "{\"asin\": \"C\", \"title\": \"Comb\", \"categories\": [\"Hair\"], \"brand\": null}",
                "{\"asin\": \"Z\", \"title\": \"not in the sequences\"}", ""));
        Dataset d = DataSpecs.load("sequences:" + seq + "?items=" + items).data();
        var a = d.catalog().get(d.itemIds().indexOf("A"));
        assertEquals("Red lipstick", a.title());
        assertEquals(List.of("Beauty > Makeup"), a.categories());
        assertEquals("Acme", a.attributes().get("brand"));
        assertEquals("", d.catalog().get(d.itemIds().indexOf("B")).title(), "placeholder titles are not text");
        assertEquals(List.of("Hair"), d.catalog().get(d.itemIds().indexOf("C")).categories());
        assertEquals("", d.catalog().get(d.itemIds().indexOf("D")).title());
        assertEquals(4, d.numItems());
    }

    @Test
    void badLineNamesFileLineAndField() throws Exception {
        Path seq = Files.writeString(dir.resolve("s.txt"), "u1 A B\n");
        Path items = Files.writeString(dir.resolve("i.jsonl"), "{\"asin\": \"A\"}\n{\"title\": \"no id\"}\n");
        var e = assertThrows(DataFormatException.class, () -> DataSpecs.load("sequences:" + seq + "?items=" + items).data());
        assertTrue(e.getMessage().contains("i.jsonl") && e.getMessage().contains("2") && e.getMessage().contains("asin"), e.getMessage());
    }
}

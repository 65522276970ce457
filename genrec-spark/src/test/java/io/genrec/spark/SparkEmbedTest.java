package io.genrec.spark;

import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.llm.dense.CatalogEmbeddings;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkEmbedTest {
    private static ItemCatalog catalog() {
        List<Item> items = new ArrayList<>();
        String[] titles = {"The Matrix", "Toy Story", "", "Heat", "Arrival", "Amelie", "Alien"};
        for (int i = 0; i < titles.length; i++)
            items.add(new Item("m" + i, titles[i], i == 2 ? List.of() : List.of(i % 2 == 0 ? "Sci-Fi" : "Comedy"), Map.of(), Map.of()));
        return new ItemCatalog(items.toArray(new Item[0]));
    }

    @Test
    void sparkVectorsEqualTheSingleJvmEmbeddingsInItemOrder(@TempDir Path dir) throws Exception {
        ItemCatalog cat = catalog();
        ItemTextTemplate t = ItemTextTemplate.of("{title}");
        List<String> log = new ArrayList<>();
        Path out = dir.resolve("vectors");
        SparkEmbed.Result r = new SparkEmbed(LocalSpark.get(), log::add).run(cat, t, "minilm", 3, 2, out, "test catalogue");
        assertEquals(7, r.items());
        assertEquals(1, r.withoutText(), "the item with an empty title renders no text");
        assertTrue(log.stream().anyMatch(l -> l.contains("1 of 7 items have no text")), log.toString());
        float[][] expected = CatalogEmbeddings.embed(cat, t, Encoders.miniLm(1), ProgressListener.NONE);
        List<Row> rows = LocalSpark.get().read().parquet(out.resolve(SparkEmbed.VECTORS).toString()).orderBy("index").collectAsList();
        assertEquals(7, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).getInt(0));
            assertEquals("m" + i, rows.get(i).getString(1));
            List<Float> v = rows.get(i).getList(2);
            assertEquals(expected[i].length, v.size());
            for (int j = 0; j < v.size(); j++) assertEquals(expected[i][j], v.get(j), 1e-5f, "item " + i + " dim " + j);
        }
        String meta = Files.readString(out.resolve(SparkEmbed.META));
        assertTrue(meta.contains("\"itemsWithoutText\" : 1") && meta.contains("\"dimension\" : 384"), meta);
        // an existing non-empty output is refused and left as it was
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkEmbed(LocalSpark.get(), log::add).run(cat, t, "minilm", 1, 2, out, "again"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(Files.exists(out.resolve(SparkEmbed.META)));
    }
}

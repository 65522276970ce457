package io.genrec.llm.index;

import io.genrec.data.DataFormatException;
import io.genrec.model.TopK;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LuceneHnswIndexTest implements VectorIndexContract {
    @Override
    public VectorIndex newIndex(int dimension) { return LuceneHnswIndex.inMemory(dimension, LuceneHnswIndex.Config.DEFAULT); }

    private static ItemFields fieldsOf(int id) {
        String[] genres = {"comedy", "drama", "horror", "sci-fi"};
        return new ItemFields(List.of(genres[id % 4], genres[(id / 4) % 4]), Map.of("year", 1950.0 + id % 70, "price", id % 13 * 1.5));
    }

    @Test
    void metadataFiltersMatchTheirPlainJavaMeaning() throws Exception {
        float[][] data = VectorIndexContract.randomVectors(N, DIM, 21);
        ItemFields[] fields = new ItemFields[N];
        try (LuceneHnswIndex index = LuceneHnswIndex.inMemory(DIM, LuceneHnswIndex.Config.DEFAULT)) {
            for (int i = 0; i < N; i++) index.add(i, data[i], fields[i] = fieldsOf(i));
            int[] seen = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
            List<MetadataFilter> filters = List.of(
                    MetadataFilter.NONE.withCategories("horror"),
                    MetadataFilter.NONE.withCategories("comedy", "sci-fi").withRange("year", 1990, 1999),
                    MetadataFilter.NONE.withRange("price", 0, 3).excluding(seen),
                    MetadataFilter.NONE.excluding(seen),
                    MetadataFilter.NONE.withRange("weight", 0, 1)); // no item has the field: nothing passes
            float[][] queries = VectorIndexContract.randomVectors(20, DIM, 22);
            long found = 0, wanted = 0;
            for (MetadataFilter f : filters) {
                for (float[] q : queries) {
                    TopK top = index.search(q, K, f);
                    int[] truth = VectorIndexContract.oracle(data, allTrue(), q, K, id -> f.accepts(id, fields[id]));
                    assertEquals(truth.length, top.size(), f.toString());
                    for (int id : top.items()) assertTrue(f.accepts(id, fields[id]), "id " + id + " violates " + f);
                    found += VectorIndexContract.overlap(top.items(), truth);
                    wanted += truth.length;
                }
            }
            assertTrue(wanted > 0);
            assertTrue((double) found / wanted >= 0.9, "filtered recall " + (double) found / wanted);
        }
    }

    private static boolean[] allTrue() {
        boolean[] b = new boolean[N];
        java.util.Arrays.fill(b, true);
        return b;
    }

    @Test
    void onDiskIndexKeepsUpdatesAcrossReopen(@TempDir Path dir) throws Exception {
        float[][] data = VectorIndexContract.randomVectors(300, DIM, 23);
        LuceneHnswIndex.Config config = new LuceneHnswIndex.Config(8, 50, 40, 16);
        try (LuceneHnswIndex index = LuceneHnswIndex.create(dir, DIM, config)) {
            for (int i = 0; i < data.length; i++) index.add(i, data[i], fieldsOf(i));
            index.delete(7);
        }
        try (LuceneHnswIndex back = LuceneHnswIndex.load(dir)) {
            assertEquals(299, back.size());
            assertEquals(config.withEfSearch(40).maxConn(), back.config().maxConn(), "settings come from the commit");
            assertEquals(40, back.config().efSearch());
            TopK top = back.search(data[42], 1, MetadataFilter.NONE.withCategories(fieldsOf(42).categories().get(0)));
            assertEquals(42, top.items()[0], "metadata must survive reopening");
            back.save(dir); // saving onto itself is a commit
            assertTrue(back.diskBytes() > 300L * DIM * 4, "the vectors are on disk");
        }
    }

    @Test
    void notAnIndexIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.txt"), "hello");
        var e = assertThrows(DataFormatException.class, () -> LuceneHnswIndex.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswIndex.inMemory(2000, LuceneHnswIndex.Config.DEFAULT));
    }
}

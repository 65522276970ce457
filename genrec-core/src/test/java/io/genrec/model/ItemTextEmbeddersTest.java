package io.genrec.model;

import io.genrec.data.ItemCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ItemTextEmbeddersTest {
    @Test
    void missingEmbedderNamesTheModuleToAdd() {
        // genrec-core's own class path registers no embedder.
        var e = assertThrows(IllegalStateException.class, ItemTextEmbedders::find);
        assertTrue(e.getMessage().contains("genrec-llm"), e.getMessage());
        assertTrue(e.getMessage().contains("META-INF/services"), e.getMessage());
    }

    @Test
    void firstRegisteredEmbedderIsUsed() {
        ItemTextEmbedder a = fake("a"), b = fake("b");
        assertSame(a, ItemTextEmbedders.first(List.of(a, b)));
    }

    private static ItemTextEmbedder fake(String id) {
        return new ItemTextEmbedder() {
            @Override public String modelId() { return id; }
            @Override public int dimension() { return 1; }
            @Override public float[][] embed(ItemCatalog catalog, ProgressListener listener) { return new float[catalog.size()][1]; }
        };
    }
}

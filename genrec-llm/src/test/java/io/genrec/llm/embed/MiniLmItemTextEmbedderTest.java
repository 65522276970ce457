package io.genrec.llm.embed;

import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.model.ProgressListener;
import io.genrec.llm.text.ItemTextTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MiniLmItemTextEmbedderTest {
    static final ItemCatalog CATALOG = new ItemCatalog(new Item[] {
            new Item("a", "Stapler", List.of("Office", "Desk"), Map.of("brand", "Swingline", "description", "Staples 20 sheets."), Map.of()),
            new Item("b", "Pen", List.of("Office"), Map.of("brand", "Bic"), Map.of()),
    });

    /** Records the texts it is asked to embed; every vector is the unit vector e0. */
    static final class Recording implements ItemEncoder {
        final List<String> seen = new ArrayList<>();
        @Override public String modelId() { return "recording"; }
        @Override public int dimension() { return 2; }
        @Override public float[][] embed(List<String> texts, ProgressListener listener) {
            seen.addAll(texts);
            float[][] out = new float[texts.size()][2];
            for (float[] row : out) row[0] = 1f;
            return out;
        }
    }

    @Test
    void aTemplateChoosesTheFieldsTheEncoderSees() {
        Recording enc = new Recording();
        var embedder = new MiniLmItemTextEmbedder(ItemTextTemplate.DEFAULT, enc);
        embedder.embed(CATALOG, "{title}", ProgressListener.NONE);
        assertEquals(List.of("Stapler", "Pen"), enc.seen);
        enc.seen.clear();
        embedder.embed(CATALOG, "{title}\\nBrand: {text.brand}", ProgressListener.NONE);
        assertEquals(List.of("Stapler\nBrand: Swingline", "Pen\nBrand: Bic"), enc.seen);
        enc.seen.clear();
        embedder.embed(CATALOG, "", ProgressListener.NONE); // blank: the embedder's own template, every field
        assertEquals(ItemTextTemplate.DEFAULT.render(CATALOG.get(0)), enc.seen.get(0));
        assertTrue(enc.seen.get(0).contains("Staples 20 sheets."), enc.seen.get(0));
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingIt() {
        var embedder = new MiniLmItemTextEmbedder(ItemTextTemplate.DEFAULT, new Recording());
        var e = assertThrows(IllegalArgumentException.class, () -> embedder.embed(CATALOG, "{name}", ProgressListener.NONE));
        assertTrue(e.getMessage().contains("{name}"), e.getMessage());
    }
}

package io.genrec.llm.dense;

import io.genrec.data.ItemCatalog;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;

import java.util.ArrayList;
import java.util.List;

/** Embeds a whole item catalogue: one row per dense item id, zero for items whose text renders empty. */
public final class CatalogEmbeddings {
    private CatalogEmbeddings() { }

    /** The rendered text of every item, by dense id. */
    public static List<String> texts(ItemCatalog catalog, ItemTextTemplate template) {
        List<String> texts = new ArrayList<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) texts.add(template.render(catalog.get(i)));
        return texts;
    }

    /** Unit rows (or zero rows for items without text) of length {@code encoder.dimension()}, by dense id. */
    public static float[][] embed(ItemCatalog catalog, ItemTextTemplate template, ItemEncoder encoder, ProgressListener listener) {
        return encoder.embed(texts(catalog, template), listener);
    }
}

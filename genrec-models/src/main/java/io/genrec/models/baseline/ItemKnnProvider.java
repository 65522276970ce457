package io.genrec.models.baseline;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code itemknn}; parameters from {@link ItemKnnConfig}. */
public final class ItemKnnProvider extends ConfiguredProvider<ItemKnnConfig> {
    public ItemKnnProvider() {
        super(ItemKnnRecommender.NAME, "Item-kNN: shrunk cosine similarity of items, top-N neighbours per item", ItemKnnConfig::defaults, ItemKnnRecommender::new);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return ItemKnnRecommender.load(dir); }
}

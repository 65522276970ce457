package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code itemknn}; parameters {@code neighbours}, {@code shrink}. */
public final class ItemKnnProvider implements RecommenderProvider {
    @Override public String name() { return ItemKnnRecommender.NAME; }
    @Override public String description() { return "Item-kNN: shrunk cosine similarity of items, top-N neighbours per item"; }

    @Override
    public Recommender create(Params params) {
        ItemKnnConfig d = ItemKnnConfig.defaults();
        ItemKnnConfig c = new ItemKnnConfig(params.getInt("neighbours", d.neighbours()), params.getDouble("shrink", d.shrink()),
                params.getBoolean("weighted", d.weighted()));
        params.requireAllUsed();
        return new ItemKnnRecommender(c);
    }

    @Override
    public FittedRecommender load(Path dir) throws IOException { return ItemKnnRecommender.load(dir); }
}

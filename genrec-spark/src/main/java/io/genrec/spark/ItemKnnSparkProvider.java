package io.genrec.spark;

import io.genrec.model.ConfiguredProvider;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.models.baseline.ItemKnnConfig;

import java.io.IOException;
import java.nio.file.Path;

/** Registers {@code itemknn-spark}: itemknn's neighbour lists computed with items partitioned across Spark tasks. */
public final class ItemKnnSparkProvider extends ConfiguredProvider<ItemKnnConfig> {
    public ItemKnnSparkProvider() {
        super(ItemKnnSpark.NAME, "Item-kNN (itemknn) with its similarity rows computed item-partitioned on Spark; same model and scores",
                ItemKnnConfig::defaults, ItemKnnSpark::new);
    }

    /** Its archives are itemknn's, so itemknn's provider reads them. */
    @Override
    public FittedRecommender load(Path dir) throws IOException { return RecommenderRegistry.load().load(dir); }
}

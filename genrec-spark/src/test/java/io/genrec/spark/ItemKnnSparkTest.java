package io.genrec.spark;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.data.prep.Preprocessing;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.RandomHoldoutSplitter;
import io.genrec.split.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemKnnSparkTest {
    private static FittedRecommender fit(String name, Split split) {
        return RecommenderRegistry.load().create(name, new Params(Map.of("neighbours", "20", "shrink", "5"), name))
                .fit(new TrainContext(split.train(), null, 42, 2, ProgressListener.NONE, "test"));
    }

    @Test
    void itemPartitionedFitGivesBitEqualNeighboursAndScores(@TempDir Path tmp) throws Exception {
        LocalSpark.get(); // the active session the fit runs on
        Dataset all = new Preprocessing(4f, 5, 5, Preprocessing.DuplicatePolicy.KEEP_ALL).apply(DataSpecs.load("ml-latest-small").data());
        Split split = new RandomHoldoutSplitter().split(all, 42);
        FittedRecommender local = fit("itemknn", split), spark = fit(ItemKnnSpark.NAME, split);
        assertEquals(local.getClass(), spark.getClass(), "the Spark fit must be itemknn's own fitted model");
        local.save(tmp.resolve("local"));
        spark.save(tmp.resolve("spark"));
        ModelArchive.Loaded a = ModelArchive.read(tmp.resolve("local")), b = ModelArchive.read(tmp.resolve("spark"));
        assertEquals("itemknn", b.header().model());
        assertArrayEquals(a.ints("pointers"), b.ints("pointers"));
        assertArrayEquals(a.ints("neighbours"), b.ints("neighbours"));
        assertArrayEquals(a.floats("similarities"), b.floats("similarities"));
        assertTrue(a.ints("neighbours").length > 1000, "neighbour lists must not be empty");
        assertEquals(ItemKnnSpark.NAME, b.header().provenance().libraries().get("fittedBy"));
        float[] x = new float[local.numItems()], y = new float[spark.numItems()];
        for (int u = 0; u < split.train().numUsers(); u += 7) {
            local.scoreAll(UserContext.of(split.train(), u), x);
            spark.scoreAll(UserContext.of(split.train(), u), y);
            assertArrayEquals(x, y, "user " + u);
        }
    }

    @Test
    void weightedIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RecommenderRegistry.load().create(ItemKnnSpark.NAME, new Params(Map.of("weighted", "true"), ItemKnnSpark.NAME)));
        assertTrue(e.getMessage().contains("weighted"), e.getMessage());
    }
}

package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.UserContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Checks shared by all baselines: registration, concurrent scoring, and loading with the wrong provider. */
class BaselineRegistryTest {
    private static final String[] NAMES = {"mostpop", "itemknn", "ease", "als"};

    @Test
    void allBaselinesAreRegisteredByName() {
        RecommenderRegistry registry = RecommenderRegistry.load();
        for (String name : NAMES) assertEquals(name, registry.create(name, Params.empty()).name());
    }

    @Test
    void concurrentScoringGivesTheSameScoresAsSequential() throws Exception {
        Dataset d = RecommenderContract.ContractData.clustered(60, 40, 8, 7L);
        RecommenderRegistry registry = RecommenderRegistry.load();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (String name : NAMES) {
                FittedRecommender m = TinyData.fit(registry.create(name, Params.empty()), d, 2);
                float[][] expected = new float[d.numUsers()][d.numItems()];
                for (int u = 0; u < d.numUsers(); u++) m.scoreAll(UserContext.of(d, u), expected[u]);
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    jobs.add(pool.submit(() -> {
                        float[] s = new float[d.numItems()];
                        for (int u = 0; u < d.numUsers(); u++) {
                            m.scoreAll(UserContext.of(d, u), s);
                            assertArrayEquals(expected[u], s, name + " user " + u);
                        }
                    }));
                }
                for (Future<?> f : jobs) f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadingWithTheWrongProviderNamesBothModels(@TempDir Path dir) throws Exception {
        Dataset d = RecommenderContract.ContractData.clustered(20, 10, 3, 1L);
        TinyData.fit(new MostPopularRecommender(MostPopularConfig.defaults()), d, 1).save(dir.resolve("m"));
        var e = assertThrows(DataFormatException.class, () -> new ItemKnnProvider().load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("mostpop") && e.getMessage().contains("itemknn"), e.getMessage());
    }
}

package io.genrec.cli;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The model cache replaces the same request's entry from an older build, and touches nothing else. */
class ModelCacheTest {
    @Test
    void aNewBuildReplacesItsOwnOlderEntryOnly(@TempDir Path base) throws Exception {
        String old = System.getProperty(RecommendCommand.CACHE_DIR_PROPERTY);
        System.setProperty(RecommendCommand.CACHE_DIR_PROPERTY, base.toString());
        try {
            ModelCache cache = ModelCache.open();
            Dataset d = new Dataset.Builder("tiny").add("u1", "a", 1, 0).add("u2", "a", 1, 0).add("u2", "b", 1, 1).build();
            FittedRecommender m = RecommenderRegistry.load().create("mostpop", Params.empty()).fit(TrainContext.of(d, 1));
            Map<String, Object> request = Map.of("data", d.contentHash(), "model", "mostpop");
            String v1 = ModelCache.key(request, "build 1"), v2 = ModelCache.key(request, "build 2");
            String other = ModelCache.key(Map.of("data", d.contentHash(), "model", "itemknn"), "build 1");
            assertNotEquals(v1, v2);
            assertEquals(v1.substring(0, v1.indexOf('-')), v2.substring(0, v2.indexOf('-')), "same request, same first half");
            cache.store(v1, m);
            cache.store(other, m);
            Path foreign = Files.writeString(cache.root().resolve(v1.substring(0, v1.indexOf('-') + 1) + "notes.txt"), "mine");
            assertNotNull(cache.lookup(v1));
            cache.store(v2, m);
            assertNull(cache.lookup(v1), "the older build's entry of the same request is gone");
            assertNotNull(cache.lookup(v2));
            assertNotNull(cache.lookup(other), "another request's entry stays");
            assertTrue(Files.exists(foreign), "a file that is not a cached model stays, whatever its name");
            try (var s = Files.list(cache.root())) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList(), "no temporaries left");
            }
        } finally {
            if (old == null) System.clearProperty(RecommendCommand.CACHE_DIR_PROPERTY);
            else System.setProperty(RecommendCommand.CACHE_DIR_PROPERTY, old);
        }
    }
}

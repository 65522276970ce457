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
            var binding = io.genrec.model.DataBinding.of("tiny", "none", io.genrec.data.prep.Preprocessing.NONE, d, CachedFit.FITTED_ON_ALL);
            Map<String, Object> request = Map.of("data", d.contentHash(), "model", "mostpop");
            String v1 = ModelCache.key(request, "build 1"), v2 = ModelCache.key(request, "build 2");
            String other = ModelCache.key(Map.of("data", d.contentHash(), "model", "itemknn"), "build 1");
            assertNotEquals(v1, v2);
            assertEquals(v1.substring(0, v1.indexOf('-')), v2.substring(0, v2.indexOf('-')), "same request, same first half");
            cache.store(v1, m, binding);
            cache.store(other, m, binding);
            Path foreign = Files.writeString(cache.root().resolve(v1.substring(0, v1.indexOf('-') + 1) + "notes.txt"), "mine");
            assertNotNull(cache.lookup(v1));
            cache.store(v2, m, binding);
            assertNull(cache.lookup(v1), "the older build's entry of the same request is gone");
            assertNotNull(cache.lookup(v2));
            assertNotNull(cache.lookup(other), "another request's entry stays");
            assertTrue(Files.exists(foreign), "a file that is not a cached model stays, whatever its name");
            try (var s = Files.list(cache.root())) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no temporaries left");
            }
        } finally {
            if (old == null) System.clearProperty(RecommendCommand.CACHE_DIR_PROPERTY);
            else System.setProperty(RecommendCommand.CACHE_DIR_PROPERTY, old);
        }
    }

    /** A cached entry is a saved model like any other: GenRec's marker and the data binding (ids, preprocessing). */
    @Test
    void aCachedModelCarriesItsDataBinding(@TempDir Path base) throws Exception {
        StringBuilder sb = new StringBuilder("user,item,rating,time\n");
        for (int u = 0; u < 6; u++) for (int k = 0; k < 3; k++) sb.append(u).append(",i").append((u + k) % 5).append(",1,").append(k).append('\n');
        Path csv = Files.writeString(base.resolve("d.csv"), sb.toString());
        String spec = "csv:" + csv + "?header=true&user=user&item=item&rating=rating&time=time";
        Path cacheDir = base.resolve("cache");
        CliTest.Run r = CliTest.runWithCache(cacheDir, "recommend", "--user", "0", "--model", "mostpop", "--data", spec, "--implicit", "none");
        assertEquals(0, r.exit(), r.err());
        List<Path> entries;
        try (var s = Files.list(cacheDir.resolve("models"))) {
            entries = s.filter(Files::isDirectory).toList();
        }
        assertEquals(1, entries.size(), entries.toString());
        Path entry = entries.get(0);
        assertEquals(io.genrec.util.SafeWrites.MODEL, io.genrec.util.SafeWrites.kindOf(entry), "GenRec's marker");
        io.genrec.model.DataBinding b = io.genrec.model.DataBinding.read(entry);
        assertNotNull(b, "data.json in the cached entry");
        assertEquals(spec, b.dataSpec());
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), b.users());
        CliTest.Run again = CliTest.runWithCache(cacheDir, "recommend", "--user", "0", "--model", "mostpop", "--data", spec, "--implicit", "none");
        assertTrue(again.err().contains("using cached mostpop model"), again.err());
        assertEquals(r.out(), again.out());
    }
}

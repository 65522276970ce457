package io.genrec.spark;

import io.genrec.data.Dataset;
import io.genrec.data.prep.Preprocessing;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Spark prep against the core pipeline (ExperimentRunner.prepare) on the same file, protocol and seed: identical splits. */
class SparkPrepTest {
    @TempDir static Path dir;
    static Path ml;

    /** A MovieLens-style ratings.csv with skewed activity, equal timestamps and repeated (user, item) pairs. */
    @BeforeAll
    static void data() throws IOException {
        ml = Files.createDirectories(dir.resolve("ml"));
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int row = 0; row < 7000; row++) {
            int u = 1 + (int) (150 * Math.pow(r.nextDouble(), 1.5));
            int i = 1 + (int) (120 * Math.pow(r.nextDouble(), 1.5));
            double rating = 0.5 * (1 + r.nextInt(10));
            long t = 1_000_000L + r.nextInt(4000) * 10L; // many equal times
            sb.append(u * 7).append(',').append(i * 3).append(',').append(rating).append(',').append(t).append('\n');
        }
        Files.writeString(ml.resolve("ratings.csv"), sb);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "random-holdout|         |keep|5",
            "leave-one-out|          |sum|5",
            "strong-generalization|heldout-users=20|first|5",
            "temporal|valid=0        |max|5"})
    void sameSplitAsTheCore(String protocol, String params, String duplicates, int kCore) {
        Map<String, String> pp = new LinkedHashMap<>();
        if (params != null) for (String kv : params.split(",")) pp.put(kv.split("=")[0], kv.split("=")[1]);
        String spec = "movielens:" + ml;
        var cfg = new ExperimentConfig(spec, "3.5", kCore, kCore, protocol, pp, List.of("mostpop"), Map.of(), List.of("recall@10"), 42L, 1, null, 0, null, true, duplicates);
        Split core = new ExperimentRunner(RecommenderRegistry.load(), ProgressListener.NONE, m -> { }).prepare(cfg, List.of()).split();

        Path out = dir.resolve("out-" + protocol + "-" + duplicates + "-" + kCore);
        new SparkPrep(LocalSpark.get(), m -> { }).run(spec, new Preprocessing(3.5f, kCore, kCore, cfg.duplicatePolicy()), protocol, pp, 42L, out);
        Split spark = ParquetSplitReader.read(out);

        assertEquals(core.train().userIds().externalIds(), spark.train().userIds().externalIds());
        assertEquals(core.train().itemIds().externalIds(), spark.train().itemIds().externalIds());
        assertEquals(core.description(), spark.description());
        assertSame(core.train(), spark.train(), "train");
        assertSame(core.test(), spark.test());
        assertEquals(core.validation() == null, spark.validation() == null);
        if (core.validation() != null) assertSame(core.validation(), spark.validation());
        assertTrue(core.test().targets().numInteractions() > 0);
    }

    private static void assertSame(EvalSet a, EvalSet b) {
        assertSame(a.history(), b.history(), a.name() + " history");
        assertSame(a.targets(), b.targets(), a.name() + " targets");
        assertSame(a.excluded(), b.excluded(), a.name() + " excluded");
    }

    private static void assertSame(Dataset a, Dataset b, String what) {
        assertArrayEquals(a.userPointers(), b.userPointers(), what);
        assertArrayEquals(a.itemIndices(), b.itemIndices(), what);
        assertArrayEquals(a.values(), b.values(), what);
        assertArrayEquals(a.timestamps(), b.timestamps(), what);
    }
}

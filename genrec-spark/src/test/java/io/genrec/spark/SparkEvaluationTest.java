package io.genrec.spark;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.data.prep.Preprocessing;
import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.split.RandomHoldoutSplitter;
import io.genrec.split.Split;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SparkEvaluationTest {
    static Split split;
    static final List<String> METRICS = List.of("recall@20", "ndcg@10", "mrr", "auc", "precision@5", "map@10", "hit@10");

    @BeforeAll
    static void data() {
        Dataset all = new Preprocessing(4f, 5, 5, Preprocessing.DuplicatePolicy.KEEP_ALL).apply(DataSpecs.load("ml-latest-small").data());
        split = new RandomHoldoutSplitter().split(all, 42);
    }

    private static FittedRecommender fit(String name, Map<String, String> params) {
        return RecommenderRegistry.load().create(name, new Params(params, name))
                .fit(new TrainContext(split.train(), null, 42, 2, ProgressListener.NONE, "test"));
    }

    /** One wave of five slices, and (rows per slice capped) dozens of small slices sent in waves of three. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {SparkEvaluation.DEFAULT_ROWS_PER_SLICE, 2_000})
    void distributedMetricsEqualTheSingleJvmEvaluatorExactly(long rowsPerSlice, @TempDir Path tmp) {
        FittedRecommender als = fit("als", Map.of("factors", "8", "iterations", "2"));
        Evaluator evaluator = new Evaluator(METRICS, 2);
        EvaluationResult local = evaluator.evaluate(als, split.test(), split.train(), ProgressListener.NONE);
        List<String> log = new java.util.ArrayList<>();
        EvaluationResult spark = new SparkEvaluation(LocalSpark.get(), rowsPerSlice < 10_000 ? 3 : 5, tmp, 10, log::add)
                .rowsPerSlice(rowsPerSlice)
                .evaluate(evaluator, als, split.test(), split.train(), ProgressListener.NONE);
        if (rowsPerSlice < 10_000) assertTrue(log.stream().anyMatch(l -> l.contains("waves appended")), "several waves expected: " + log);
        assertEquals(local.metrics(), spark.metrics());
        assertArrayEquals(local.users(), spark.users());
        for (String m : METRICS) assertArrayEquals(local.perUser().get(m), spark.perUser().get(m), m);
        assertEquals(local.targets(), spark.targets());
        assertEquals(local.excludedTargets(), spark.excludedTargets());
        assertTrue(local.metric("recall@20") > 0.05, "ALS must beat nothing: " + local.metrics());

        // top-k Parquet: one row per (user, rank), the ranking the model gives with the history excluded
        List<Row> rows = LocalSpark.get().read().parquet(tmp.resolve("als").toString()).collectAsList();
        assertEquals(10L * split.test().evaluatedUsers().length, rows.size());
        int u = split.test().evaluatedUsers()[0];
        String user = split.train().userIds().externalId(u);
        var expected = als.recommend(io.genrec.model.UserContext.of(split.test().history(), u), 10,
                io.genrec.model.ItemFilter.excluding(split.test().excluded().itemsOf(u)));
        for (Row r : rows) {
            if (!r.getString(0).equals(user)) continue;
            int rank = r.getInt(1);
            assertEquals(split.train().itemIds().externalId(expected.items()[rank - 1]), r.getString(2));
        }
    }

    @Test
    void metricsItCannotDistributeAreRefusedByName() {
        FittedRecommender pop = fit("mostpop", Map.of());
        Evaluator evaluator = new Evaluator(List.of("recall@10", "coverage@10"), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> new SparkEvaluation(LocalSpark.get(), 2, null, 0, m -> { })
                .evaluate(evaluator, pop, split.test(), split.train(), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("coverage@10"), e.getMessage());
    }
}

package io.genrec.spark;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.eval.Fallback;
import io.genrec.eval.MetricSpec;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Full-ranking evaluation of a fitted model on Spark executors: the model travels as its saved archive (a
 * broadcast, loaded by the provider's own {@code load} once per executor JVM), the evaluated users are cut into
 * contiguous slices, and each task runs GenRec's own {@link Evaluator} on its slice. The driver concatenates the
 * per-user values in user order and averages them as the evaluator does, so the metrics are exactly those of
 * {@code genrec eval} on the same split (tested). Optionally writes each user's top k to Parquet.
 *
 * <p>Distributed here: the per-user ranking metrics (recall, truncated recall, precision, hit, ndcg, mrr, map, auc).
 * Metrics that need the whole catalogue's exposure or the training data on every executor (coverage, gini,
 * novelty, ...), rating errors, slate metrics and sampled candidates are refused with a message naming them.
 */
public final class SparkEvaluation implements ExperimentRunner.TestEvaluation {
    static final Set<MetricSpec.Kind> DISTRIBUTED = EnumSet.of(MetricSpec.Kind.RECALL, MetricSpec.Kind.TRUNCATED_RECALL,
            MetricSpec.Kind.PRECISION, MetricSpec.Kind.HIT, MetricSpec.Kind.NDCG, MetricSpec.Kind.MRR, MetricSpec.Kind.MAP,
            MetricSpec.Kind.AUC);

    /** History, target and exclusion rows per slice at most (about 20 MB of columns), unless one user has more. */
    static final long DEFAULT_ROWS_PER_SLICE = 1_000_000;

    private final SparkSession spark;
    private final int slices;
    private long rowsPerSlice = DEFAULT_ROWS_PER_SLICE;
    private final Path topKDir;
    private final int topK;
    private final Consumer<String> log;

    /**
     * The users are cut into contiguous slices of at most {@link #DEFAULT_ROWS_PER_SLICE} rows (history, targets and
     * exclusions), about {@code slices} of them or more, and sent {@code slices} at a time: the driver holds one wave's
     * rows, not a copy of the whole evaluation data (2 GB at 100M interactions).
     *
     * @param slices  how many tasks run per wave (e.g. a few per executor core)
     * @param topKDir where to write {@code MODEL/} Parquet with each evaluated user's top {@code topK}; null for none
     */
    public SparkEvaluation(SparkSession spark, int slices, Path topKDir, int topK, Consumer<String> log) {
        if (slices < 1) throw new IllegalArgumentException("slices must be >= 1, got " + slices);
        if (topKDir != null && topK < 1) throw new IllegalArgumentException("top-k must be >= 1, got " + topK);
        this.spark = spark;
        this.slices = slices;
        this.topKDir = topKDir;
        this.topK = topK;
        this.log = log == null ? m -> { } : log;
    }

    /** Smaller slices (tests: to run several waves on a small data set). */
    SparkEvaluation rowsPerSlice(long rows) {
        if (rows < 1) throw new IllegalArgumentException("rows per slice must be >= 1, got " + rows);
        this.rowsPerSlice = rows;
        return this;
    }

    /** Fails naming the metrics this class cannot distribute. */
    public static void requireDistributable(List<MetricSpec> metrics, boolean sampled) {
        if (sampled) throw new IllegalArgumentException("spark eval: sampled candidates are not distributed; use full ranking (drop --sampled-candidates)");
        List<String> bad = new ArrayList<>();
        for (MetricSpec s : metrics) if (!DISTRIBUTED.contains(s.kind())) bad.add(s.name());
        if (!bad.isEmpty())
            throw new IllegalArgumentException("spark eval computes the per-user ranking metrics (recall, truncrecall, precision, hit, ndcg, "
                    + "mrr, map, auc); not " + bad + ": compute those with 'genrec eval'");
    }

    @Override
    public EvaluationResult evaluate(Evaluator evaluator, FittedRecommender model, EvalSet set, Dataset train, ProgressListener progress) {
        requireDistributable(evaluator.metrics(), evaluator.sampled() != null);
        long t0 = System.nanoTime();
        if (model.numItems() != set.history().numItems())
            throw new IllegalArgumentException("model '" + model.name() + "' has " + model.numItems() + " items, eval set '"
                    + set.name() + "' has " + set.history().numItems());
        int[] users = set.evaluatedUsers();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ShippedModel shipped = ShippedModel.of(model);
        Broadcast<ShippedModel> bModel = jsc.broadcast(shipped);
        Broadcast<IdLists> bIds = jsc.broadcast(new IdLists(set.history().userIds().externalIds(), set.history().itemIds().externalIds()));
        int[][] cut = UserSlice.cut(set, users, slices, rowsPerSlice);
        List<String> metricNames = new ArrayList<>();
        for (MetricSpec s : evaluator.metrics()) metricNames.add(s.name());
        Path out = topKDir == null ? null : topKDir.resolve(model.name());
        if (out != null && Files.exists(out))
            throw new IllegalArgumentException("top-k output " + out + " exists; GenRec does not overwrite it (choose a new --topk-output)");
        try {
            List<SliceResult> results = new ArrayList<>();
            int waves = 0;
            for (int from = 0; from < cut.length; from += slices, waves++) {
                List<UserSlice> parts = new ArrayList<>();
                for (int s = from; s < Math.min(cut.length, from + slices); s++) parts.add(UserSlice.of(s, set, cut[s]));
                JavaRDD<UserSlice> rdd = jsc.parallelize(parts, parts.size());
                results.addAll(rdd.map(new EvaluateSlice(bModel, bIds, set.name(), metricNames, evaluator.excludeSeen())).collect());
                if (out != null) writeTopK(rdd, bModel, bIds, set.name(), evaluator.excludeSeen(), out);
            }
            results.sort(Comparator.comparingInt(r -> r.index));
            EvaluationResult ev = combine(evaluator, results, users, (System.nanoTime() - t0) / 1e9);
            log.accept(String.format(java.util.Locale.ROOT, "%s: evaluated %,d users in %d Spark tasks, %d at a time (model archive %,d bytes broadcast)",
                    model.name(), users.length, cut.length, Math.min(slices, cut.length), shipped.bytes()));
            if (out != null) log.accept("wrote top-" + topK + " recommendations of " + model.name() + " to " + out
                    + (waves > 1 ? " (" + waves + " waves appended)" : ""));
            return ev;
        } finally {
            bModel.destroy();
            bIds.destroy();
            shipped.release();
        }
    }

    /** The evaluator's aggregation over the slices' per-user values, in user order. */
    private static EvaluationResult combine(Evaluator evaluator, List<SliceResult> results, int[] users, double seconds) {
        Map<String, double[]> perUser = new LinkedHashMap<>();
        for (MetricSpec s : evaluator.metrics()) {
            double[] all = new double[users.length];
            int at = 0;
            for (SliceResult r : results) {
                double[] v = r.perUser.get(s.name());
                System.arraycopy(v, 0, all, at, v.length);
                at += v.length;
            }
            if (at != users.length) throw new IllegalStateException("slices returned " + at + " users, expected " + users.length);
            perUser.put(s.name(), all);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricSpec s : evaluator.metrics()) metrics.put(s.name(), Evaluator.meanIgnoringNaN(perUser.get(s.name())));
        long targets = 0, excluded = 0;
        int affected = 0, degraded = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (SliceResult r : results) {
            targets += r.targets;
            excluded += r.excludedTargets;
            affected += r.usersWithExcludedTargets;
            if (r.fallbackUsers > 0) {
                degraded += r.fallbackUsers;
                reasons.merge(r.fallbackReason, r.fallbackUsers, Integer::sum);
            }
        }
        Fallback fallback = null;
        if (degraded > 0) {
            String reason = null;
            for (var e : reasons.entrySet()) if (reason == null || e.getValue() > reasons.get(reason)) reason = e.getKey();
            fallback = new Fallback(degraded, (double) degraded / users.length, reason);
        }
        return new EvaluationResult(metrics, perUser, users.clone(), users.length, seconds, targets, excluded, affected, fallback);
    }

    private void writeTopK(JavaRDD<UserSlice> rdd, Broadcast<ShippedModel> bModel, Broadcast<IdLists> bIds, String setName,
                           boolean excludeSeen, Path out) {
        StructType schema = new StructType().add("user", DataTypes.StringType, false).add("rank", DataTypes.IntegerType, false)
                .add("item", DataTypes.StringType, false).add("score", DataTypes.FloatType, false);
        JavaRDD<Row> rows = rdd.flatMap(new TopKSlice(bModel, bIds, setName, excludeSeen, topK));
        // checked absent before the first wave; later waves add their files to it
        spark.createDataFrame(rows, schema).write().mode(SaveMode.Append).parquet(out.toString());
    }

    /** External ids in dense order, rebuilt into {@link IdMap}s once per executor JVM. */
    record IdLists(List<String> users, List<String> items) implements Serializable {
        private static final Map<IdLists, IdMap[]> MAPS = new ConcurrentHashMap<>();

        IdMap[] maps() {
            if (MAPS.size() > 4) MAPS.clear(); // one run's maps; never grows without bound
            return MAPS.computeIfAbsent(this, k -> new IdMap[] {IdMap.of(users), IdMap.of(items)});
        }
    }

    /** One slice's per-user values (aligned with its users) and counts. */
    record SliceResult(int index, Map<String, double[]> perUser, long targets, long excludedTargets, int usersWithExcludedTargets,
                       int fallbackUsers, String fallbackReason) implements Serializable { }

    /** Runs GenRec's {@link Evaluator} (one thread: Spark runs the tasks in parallel) on one slice. */
    static final class EvaluateSlice implements Function<UserSlice, SliceResult> {
        private final Broadcast<ShippedModel> model;
        private final Broadcast<IdLists> ids;
        private final String setName;
        private final List<String> metrics;
        private final boolean excludeSeen;

        EvaluateSlice(Broadcast<ShippedModel> model, Broadcast<IdLists> ids, String setName, List<String> metrics, boolean excludeSeen) {
            this.model = model;
            this.ids = ids;
            this.setName = setName;
            this.metrics = metrics;
            this.excludeSeen = excludeSeen;
        }

        @Override
        public SliceResult call(UserSlice slice) {
            IdMap[] maps = ids.value().maps();
            EvalSet set = slice.evalSet(setName, maps[0], maps[1]);
            Evaluator evaluator = new Evaluator(metrics, 1, null, excludeSeen);
            EvaluationResult r = evaluator.evaluate(model.value().get(), set, null, slice.users, ProgressListener.NONE);
            Map<String, double[]> perUser = new LinkedHashMap<>(r.perUser());
            Fallback f = r.fallback();
            return new SliceResult(slice.index, perUser, r.targets(), r.excludedTargets(), r.usersWithExcludedTargets(),
                    f == null ? 0 : f.users(), f == null ? null : f.reason());
        }
    }

    /** Each user's top k (excluded items removed as in the evaluation), as rows user, rank (1-based), item, score. */
    static final class TopKSlice implements FlatMapFunction<UserSlice, Row> {
        private final Broadcast<ShippedModel> model;
        private final Broadcast<IdLists> ids;
        private final String setName;
        private final boolean excludeSeen;
        private final int k;

        TopKSlice(Broadcast<ShippedModel> model, Broadcast<IdLists> ids, String setName, boolean excludeSeen, int k) {
            this.model = model;
            this.ids = ids;
            this.setName = setName;
            this.excludeSeen = excludeSeen;
            this.k = k;
        }

        @Override
        public Iterator<Row> call(UserSlice slice) {
            IdMap[] maps = ids.value().maps();
            EvalSet set = slice.evalSet(setName, maps[0], maps[1]);
            FittedRecommender m = model.value().get();
            List<Row> rows = new ArrayList<>();
            for (int u : slice.users) {
                UserContext ctx = UserContext.of(set.history(), u);
                TopK top = m.recommend(ctx, k, excludeSeen ? ItemFilter.excluding(set.excluded().itemsOf(u)) : ItemFilter.ALL);
                int[] items = top.items();
                float[] scores = top.scores();
                for (int r = 0; r < items.length; r++)
                    rows.add(RowFactory.create(maps[0].externalId(u), r + 1, maps[1].externalId(items[r]), scores[r]));
            }
            return rows.iterator();
        }
    }
}

package io.genrec.spark;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.data.prep.Preprocessing;
import io.genrec.data.prep.Preprocessing.DuplicatePolicy;
import io.genrec.split.LeaveOneOutSplitter;
import io.genrec.split.RandomHoldoutSplitter;
import io.genrec.split.Splitter;
import io.genrec.split.Splitters;
import io.genrec.split.StrongGeneralizationSplitter;
import io.genrec.split.TemporalSplitter;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.*;

/**
 * GenRec's data preparation on Spark: the same duplicate policy, implicit threshold, iterative k-core, dense id order
 * and splits as genrec-core ({@link Preprocessing}, the {@link Splitter}s, and the temporal protocol's k-core on the
 * training part as {@code ExperimentRunner} does it), written as Parquet that {@link ParquetSplitReader}
 * ({@code parquet:DIR}) reads back into the identical split (tested against the core on the same data and seed).
 *
 * <p>How equality is kept: dense ids are given in order of first appearance in the input (the loaders' order),
 * each user's rows are ordered by time with ties in input order (the {@link Dataset} order), and the random
 * protocols' draws come from the core's own code ({@link RandomHoldoutSplitter#choose},
 * {@link StrongGeneralizationSplitter#plan}) fed with per-user counts only; the rows themselves stay on the
 * executors. Read natively by Spark: {@code movielens:DIR} with ratings.csv (latest/20M/25M), {@code csv:}/{@code tsv:}
 * with a header and named columns, and {@code parquet:PATH} of raw interactions; every other spec is loaded on the
 * driver by the core loader and then distributed (said on stderr).
 */
public final class SparkPrep {
    /** Parts of a split, as stored in the {@code part} column. */
    static final byte TRAIN = 0, VALID = 1, TEST = 2, VALID_HISTORY = 3, TEST_HISTORY = 4, DROPPED = 5;
    static final String META = "genrec-split.json";

    private final SparkSession spark;
    private final Consumer<String> log;

    public SparkPrep(SparkSession spark, Consumer<String> log) {
        this.spark = spark;
        this.log = log == null ? m -> { } : log;
    }

    /** What was written. */
    public record Result(Path dir, int users, int items, long interactions, Map<String, Long> parts, String split, String preprocessing) { }

    /**
     * Loads {@code spec}, preprocesses and splits it, and writes the Parquet split to {@code out} (which must not
     * exist: written under a temporary name beside it and moved into place).
     */
    public Result run(String spec, Preprocessing prep, String protocol, Map<String, String> protocolParams, long seed, Path out) {
        if (Files.exists(out)) throw new IllegalArgumentException("output " + out + " exists; GenRec does not overwrite it (choose a new directory)");
        Splitter splitter = Splitters.create(protocol, new Params(protocolParams, "protocol " + protocol));
        var loaded = rawRows(spec).withColumn("ord", monotonically_increasing_id());
        // first-appearance keys of users and items: the input position, unless the driver path gave the loader's ids
        if (!List.of(loaded.columns()).contains("uord")) loaded = loaded.withColumn("uord", col("ord")).withColumn("iord", col("ord"));
        var raw = loaded.persist();
        var deduped = duplicates(raw, prep.duplicates());
        var kept = prep.implicitThreshold() == null ? deduped
                : deduped.filter(col("value").geq(prep.implicitThreshold())).withColumn("value", lit(1f));
        Long coreBefore = null;
        if (splitter instanceof TemporalSplitter t && (prep.userCore() > 0 || prep.itemCore() > 0)) {
            coreBefore = cutTimes(kept, t)[0];
            splitter = t.at(cutTimes(kept, t));
        }
        var filtered = kCore(kept, raw, prep.userCore(), prep.itemCore(), coreBefore);
        Preprocessing applied = coreBefore == null ? prep : prep.withCoreBefore(coreBefore);
        // dense ids: survivors in order of first appearance in the input
        List<String> users = denseOrder(filtered.users);
        List<String> items = denseOrder(filtered.items);
        var uIdx = indexTable(users, "user", "u");
        var iIdx = indexTable(items, "item", "i");
        WindowSpec byUser = Window.partitionBy("u").orderBy("time", "ord");
        var rows = filtered.rows.join(broadcast(uIdx), "user").join(broadcast(iIdx), "item")
                .withColumn("pos", row_number().over(byUser).minus(1))
                .select("u", "i", "user", "item", "value", "time", "pos").persist();
        long n = rows.count();
        log.accept(String.format(Locale.ROOT, "spark prep: %,d users, %,d items, %,d interactions after %s", users.size(), items.size(), n, applied.description()));
        int[] sizes = perUserCounts(rows, users.size());
        var labelled = split(rows, splitter, sizes, seed, users.size(), items.size());
        String description = describe(splitter, seed);
        boolean validation = switch (splitter) {
            case LeaveOneOutSplitter l -> l.hasValidation();
            case RandomHoldoutSplitter r -> r.hasValidation();
            case TemporalSplitter t -> t.fractions()[1] > 0;
            default -> true;
        };
        Map<String, Long> counts = write(labelled, users, items, out, description, applied, splitter instanceof StrongGeneralizationSplitter, validation);
        rows.unpersist();
        raw.unpersist();
        return new Result(out, users.size(), items.size(), n, counts, description, applied.description());
    }

    // ---- loading ----

    /** Rows user, item (strings), value (float), time (long), in input order. */
    org.apache.spark.sql.Dataset<Row> rawRows(String spec) {
        int q = spec.indexOf('?');
        String head = q < 0 ? spec : spec.substring(0, q);
        String kind = head.contains(":") ? head.substring(0, head.indexOf(':')).toLowerCase(Locale.ROOT) : head;
        String path = head.contains(":") ? head.substring(head.indexOf(':') + 1) : null;
        Map<String, String> opts = new LinkedHashMap<>();
        if (q >= 0) for (String kv : spec.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("data spec '" + spec + "': option '" + kv + "' is not key=value");
            opts.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (kind.equals("movielens") && opts.isEmpty() && Files.isRegularFile(Path.of(path, "ratings.csv"))) {
            return spark.read().option("header", "true").csv(Path.of(path, "ratings.csv").toString())
                    .select(col("userId").as("user"), col("movieId").as("item"), col("rating").cast("float").as("value"), col("timestamp").cast("long").as("time"));
        }
        if ((kind.equals("csv") || kind.equals("tsv")) && opts.containsKey("user") && opts.containsKey("item")
                && opts.keySet().stream().allMatch(k -> List.of("user", "item", "rating", "time", "header", "delimiter").contains(k))
                && !"false".equals(opts.get("header")) && !opts.get("user").chars().allMatch(Character::isDigit)) {
            String delim = opts.getOrDefault("delimiter", kind.equals("tsv") ? "\t" : ",");
            if (delim.equals("tab")) delim = "\t";
            var df = spark.read().option("header", "true").option("sep", delim).csv(path);
            Column value = opts.containsKey("rating") ? col(opts.get("rating")).cast("float") : lit(1f);
            Column time = opts.containsKey("time") ? col(opts.get("time")).cast("long") : lit(0L);
            return df.select(col(opts.get("user")).as("user"), col(opts.get("item")).as("item"), value.as("value"), time.as("time"));
        }
        if (kind.equals("parquet") && !Files.exists(Path.of(path, META))) {
            return spark.read().parquet(path).select(col(opts.getOrDefault("user", "user")).cast("string").as("user"),
                    col(opts.getOrDefault("item", "item")).cast("string").as("item"),
                    col(opts.getOrDefault("rating", "value")).cast("float").as("value"), col(opts.getOrDefault("time", "time")).cast("long").as("time"));
        }
        log.accept("spark prep: '" + spec + "' is read on the driver by GenRec's loader, then distributed (Spark reads movielens:DIR with ratings.csv, "
                + "csv:/tsv: with a header and named user/item columns, and parquet: natively)");
        Dataset d = DataSpecs.load(spec).data();
        List<Row> rows = new ArrayList<>(d.numInteractions());
        // rows in the core's order (by user, then time with ties in input order); the loader's dense ids ride along
        // as the first-appearance keys, so the dense order is the loader's
        int[] ptr = d.userPointers(), it = d.itemIndices();
        for (int u = 0; u < d.numUsers(); u++)
            for (int k = ptr[u]; k < ptr[u + 1]; k++)
                rows.add(RowFactory.create(d.userIds().externalId(u), d.itemIds().externalId(it[k]), d.values()[k], d.timestamps()[k], (long) u, (long) it[k]));
        StructType schema = new StructType().add("user", DataTypes.StringType).add("item", DataTypes.StringType)
                .add("value", DataTypes.FloatType).add("time", DataTypes.LongType).add("uord", DataTypes.LongType).add("iord", DataTypes.LongType);
        return spark.createDataFrame(rows, schema).coalesce(1);
    }

    // ---- preprocessing ----

    private org.apache.spark.sql.Dataset<Row> duplicates(org.apache.spark.sql.Dataset<Row> raw, DuplicatePolicy policy) {
        if (policy == DuplicatePolicy.KEEP_ALL) return raw;
        WindowSpec pair = Window.partitionBy("user", "item");
        var w = raw.withColumn("rn", row_number().over(pair.orderBy("time", "ord")))
                .withColumn("cnt", count(lit(1)).over(pair));
        return switch (policy) {
            case KEEP_FIRST -> w.filter(col("rn").equalTo(1)).drop("rn", "cnt");
            case KEEP_LAST -> w.filter(col("rn").equalTo(col("cnt"))).drop("rn", "cnt");
            // float sum in the core's order: the earliest row's value, then each later one added
            case SUM -> w.withColumn("value", aggregate(collect_list(col("value")).over(pair.orderBy("time", "ord")
                            .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())), lit(0f), (a, b) -> a.plus(b).cast("float")))
                    .filter(col("rn").equalTo(1)).drop("rn", "cnt");
            case MAX -> raw.withColumn("rn", row_number().over(pair.orderBy(col("value").desc(), col("time"), col("ord"))))
                    .filter(col("rn").equalTo(1)).drop("rn");
            case KEEP_ALL -> raw;
        };
    }

    /** The rows after the k-core, and the surviving users and items with their first input position. */
    private record Filtered(org.apache.spark.sql.Dataset<Row> rows, org.apache.spark.sql.Dataset<Row> users, org.apache.spark.sql.Dataset<Row> items) { }

    /**
     * Iterative k-core to the fixpoint (unique, whatever the removal order, so it equals the core's). With
     * {@code coreBefore}, only rows before that time are counted and survivors keep all their rows. A bound of 0
     * keeps every user/item of the input, even without rows (as the core does).
     */
    private Filtered kCore(org.apache.spark.sql.Dataset<Row> rows, org.apache.spark.sql.Dataset<Row> raw, int userCore, int itemCore, Long coreBefore) {
        var counted = coreBefore == null ? rows : rows.filter(col("time").lt(coreBefore));
        counted = counted.select("user", "item").localCheckpoint();
        long size = counted.count();
        while (userCore > 0 || itemCore > 0) {
            var uc = counted.groupBy("user").count().filter(col("count").geq(userCore)).select("user");
            var ic = counted.groupBy("item").count().filter(col("count").geq(itemCore)).select("item");
            var next = counted.join(uc, "user").join(ic, "item").select("user", "item").localCheckpoint();
            long nextSize = next.count();
            counted = next;
            if (nextSize == size) break;
            size = nextSize;
        }
        var firstUser = raw.groupBy("user").agg(min("uord").as("first"));
        var firstItem = raw.groupBy("item").agg(min("iord").as("first"));
        var users = userCore > 0 ? firstUser.join(counted.select("user").distinct(), "user") : firstUser;
        var items = itemCore > 0 ? firstItem.join(counted.select("item").distinct(), "item") : firstItem;
        var out = rows;
        if (userCore > 0) out = out.join(users.select("user"), "user");
        if (itemCore > 0) out = out.join(items.select("item"), "item");
        return new Filtered(out, users, items);
    }

    private static List<String> denseOrder(org.apache.spark.sql.Dataset<Row> firstSeen) {
        List<String> out = new ArrayList<>();
        for (Row r : firstSeen.orderBy("first").select(firstSeen.columns()[0]).collectAsList())
            out.add(r.getString(0));
        return out;
    }

    private org.apache.spark.sql.Dataset<Row> indexTable(List<String> ids, String name, String index) {
        List<Row> rows = new ArrayList<>(ids.size());
        for (int k = 0; k < ids.size(); k++) rows.add(RowFactory.create(ids.get(k), k));
        return spark.createDataFrame(rows, new StructType().add(name, DataTypes.StringType).add(index, DataTypes.IntegerType));
    }

    private static int[] perUserCounts(org.apache.spark.sql.Dataset<Row> rows, int numUsers) {
        int[] sizes = new int[numUsers];
        for (Row r : rows.groupBy("u").count().collectAsList()) sizes[r.getInt(0)] = (int) r.getLong(1);
        return sizes;
    }

    /** The temporal cut times on these rows, as {@link TemporalSplitter#cuts} computes them (exact order statistics). */
    private long[] cutTimes(org.apache.spark.sql.Dataset<Row> rows, TemporalSplitter t) {
        long n = rows.count();
        if (n == 0) throw new IllegalArgumentException("temporal: no interactions");
        var sorted = rows.select("time").javaRDD().map(r -> r.getLong(0)).sortBy(x -> x, true, 8).zipWithIndex();
        double[] fr = t.fractions();
        long i1 = Math.min(n - 1, (long) Math.floor(fr[0] * n + 1e-9)), i2 = Math.min(n - 1, (long) Math.floor((fr[0] + fr[1]) * n + 1e-9));
        long t1 = sorted.filter(p -> p._2() == i1).first()._1();
        long t2 = fr[1] == 0 ? t1 : sorted.filter(p -> p._2() == i2).first()._1();
        long min = rows.agg(min("time")).first().getLong(0);
        if (min >= t1) throw new IllegalArgumentException("temporal: no interaction before the first cut (time " + t1 + "): timestamps all equal or too coarse");
        return new long[] {t1, t2};
    }

    // ---- splitting ----

    private org.apache.spark.sql.Dataset<Row> split(org.apache.spark.sql.Dataset<Row> rows, Splitter splitter, int[] sizes, long seed, int numUsers, int numItems) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        if (splitter instanceof LeaveOneOutSplitter loo) {
            int min = loo.minInteractions();
            var n = count(lit(1)).over(Window.partitionBy("u"));
            Column part = when(n.lt(min), lit(TRAIN)).when(col("pos").equalTo(n.minus(1)), lit(TEST))
                    .when(lit(loo.hasValidation()).and(col("pos").equalTo(n.minus(2))), lit(VALID)).otherwise(lit(TRAIN));
            return rows.withColumn("part", part.cast("byte"));
        }
        if (splitter instanceof TemporalSplitter t) {
            long[] cuts = cutTimes(rows, t);
            return rows.withColumn("part", when(col("time").geq(cuts[1]), lit(TEST)).when(col("time").geq(cuts[0]), lit(VALID)).otherwise(lit(TRAIN)).cast("byte"));
        }
        if (splitter instanceof RandomHoldoutSplitter r) {
            long[] offset = new long[numUsers + 1];
            for (int u = 0; u < numUsers; u++) offset[u + 1] = offset[u] + sizes[u];
            if (offset[numUsers] > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("random-holdout on Spark: more than 2^31 interactions");
            byte[] label = new byte[(int) offset[numUsers]];
            r.choose(sizes, seed, (u, local, nTest, nValid) -> {
                for (int j = 0; j < nTest; j++) label[(int) offset[u] + local[j]] = TEST;
                for (int j = nTest; j < nTest + nValid; j++) label[(int) offset[u] + local[j]] = VALID;
            });
            Broadcast<long[]> bOff = jsc.broadcast(offset);
            Broadcast<byte[]> bLab = jsc.broadcast(label);
            return withPart(rows, (MapPartitionsFunction<Row, Row>) it -> map(it, row -> bLab.value()[(int) (bOff.value()[row.getInt(0)] + row.getInt(6))]));
        }
        if (splitter instanceof StrongGeneralizationSplitter s) {
            StrongGeneralizationSplitter.Plan plan = s.plan(sizes, seed, "spark");
            byte[] role = new byte[numUsers];
            for (int u = 0; u < numUsers; u++) role[u] = plan.role(u);
            Broadcast<byte[]> bRole = jsc.broadcast(role);
            boolean[] inTrain = new boolean[numItems];
            var trainItems = rows.filter((org.apache.spark.api.java.function.FilterFunction<Row>) r -> bRole.value()[r.getInt(0)] == 0)
                    .select("i").distinct().collectAsList();
            for (Row r : trainItems) inTrain[r.getInt(0)] = true;
            Broadcast<boolean[]> bIn = jsc.broadcast(inTrain);
            // kept = held-out rows whose item some training user has; their rank among the user's kept rows
            var heldout = rows.filter((org.apache.spark.api.java.function.FilterFunction<Row>) r -> bRole.value()[r.getInt(0)] != 0
                    && bIn.value()[r.getInt(1)]);
            var keptPos = heldout.withColumn("kpos", row_number().over(Window.partitionBy("u").orderBy("pos")).minus(1)).select("u", "pos", "kpos");
            int[] keptCount = new int[numUsers];
            for (Row r : heldout.groupBy("u").count().collectAsList()) keptCount[r.getInt(0)] = (int) r.getLong(1);
            long[] offset = new long[numUsers + 1];
            for (int u = 0; u < numUsers; u++) offset[u + 1] = offset[u] + (role[u] == 0 ? 0 : keptCount[u]);
            byte[] target = new byte[(int) offset[numUsers]];
            for (int u = 0; u < numUsers; u++) {
                if (role[u] == 0) continue;
                for (int t : plan.targets(keptCount[u])) target[(int) offset[u] + t] = 1;
            }
            Broadcast<long[]> bOff = jsc.broadcast(offset);
            Broadcast<byte[]> bTarget = jsc.broadcast(target);
            var joined = rows.join(keptPos, new String[] {"u", "pos"}, "left").select("u", "i", "user", "item", "value", "time", "pos", "kpos");
            return withPart(joined, (MapPartitionsFunction<Row, Row>) it -> map(it, row -> {
                byte ro = bRole.value()[row.getInt(0)];
                if (ro == 0) return TRAIN;
                if (row.isNullAt(7)) return DROPPED;
                boolean isTarget = bTarget.value()[(int) (bOff.value()[row.getInt(0)] + row.getInt(7))] == 1;
                return ro == 1 ? (isTarget ? VALID : VALID_HISTORY) : (isTarget ? TEST : TEST_HISTORY);
            })).drop("kpos");
        }
        throw new IllegalArgumentException("spark prep: protocol " + splitter.name() + " is not supported");
    }

    private interface Label extends java.io.Serializable { byte of(Row row); }

    private static Iterator<Row> map(Iterator<Row> it, Label label) {
        return new Iterator<>() {
            public boolean hasNext() { return it.hasNext(); }
            public Row next() {
                Row r = it.next();
                Object[] v = new Object[r.length() + 1];
                for (int k = 0; k < r.length(); k++) v[k] = r.get(k);
                v[r.length()] = label.of(r);
                return RowFactory.create(v);
            }
        };
    }

    private static org.apache.spark.sql.Dataset<Row> withPart(org.apache.spark.sql.Dataset<Row> rows, MapPartitionsFunction<Row, Row> f) {
        StructType schema = rows.schema().add("part", DataTypes.ByteType, false);
        return rows.mapPartitions(f, ExpressionEncoder.apply(schema));
    }

    private static String describe(Splitter s, long seed) {
        String d = s.toString();
        return d.substring(0, d.length() - 1) + (d.endsWith("()") ? "" : ",") + "seed=" + seed + ")";
    }

    // ---- output ----

    private Map<String, Long> write(org.apache.spark.sql.Dataset<Row> labelled, List<String> users, List<String> items, Path out,
                                    String split, Preprocessing prep, boolean foldIn, boolean validation) {
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp-" + System.nanoTime());
        labelled.select("u", "i", "user", "item", "value", "time", "pos", "part").repartition(col("part")).sortWithinPartitions("u", "pos")
                .write().mode(SaveMode.ErrorIfExists).partitionBy("part").parquet(tmp.resolve("interactions").toString());
        indexTable(users, "id", "index").coalesce(1).write().parquet(tmp.resolve("users").toString());
        indexTable(items, "id", "index").coalesce(1).write().parquet(tmp.resolve("items").toString());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row r : spark.read().parquet(tmp.resolve("interactions").toString()).groupBy("part").count().orderBy("part").collectAsList())
            counts.put(ParquetSplitReader.PART_NAMES[((Number) r.get(0)).intValue()], r.getLong(1));
        try {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", 1);
            meta.put("split", split);
            meta.put("kind", foldIn ? "fold-in" : "cumulative");
            meta.put("validation", validation);
            meta.put("preprocessing", prep.description());
            meta.put("users", users.size());
            meta.put("items", items.size());
            meta.put("parts", counts);
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(META).toFile(), meta);
            Files.move(tmp, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out + " failed (partial output left in " + tmp + ")", e);
        }
        return counts;
    }
}

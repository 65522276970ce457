package io.genrec.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.config.Params;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.ItemCatalog;
import io.genrec.data.UserTable;
import io.genrec.data.io.DataSpecReader;
import io.genrec.data.io.DataSpecs;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;

/**
 * The {@code parquet:DIR} data spec: a split written by {@link SparkPrep} ({@code genrec spark prep}) read back into
 * one JVM as the same {@link Split} (dense ids, row order, parts). Parquet needs the Hadoop/Parquet libraries, which
 * the core does not carry; this reader lives here and plugs into the core's data specs through
 * {@link DataSpecReader}. It reads through Spark: the running session, or a {@code local[1]} one it starts (said on
 * stderr).
 */
public final class ParquetSplitReader implements DataSpecReader {
    static final String[] PART_NAMES = {"train", "validation", "test", "validation-fold-in", "test-fold-in", "dropped"};

    @Override public String kind() { return "parquet"; }

    @Override public String usage() { return "parquet:DIR (a split written by 'genrec spark prep')"; }

    @Override
    public Supplier<DataSpecs.LoadedData> prepare(String spec, String path, Params options) {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("data spec '" + spec + "': missing directory after 'parquet:'");
        Path dir = Path.of(path);
        if (!Files.isRegularFile(dir.resolve(SparkPrep.META)))
            throw new IllegalArgumentException("data spec '" + spec + "': " + dir.toAbsolutePath() + " is not a split written by 'genrec spark prep' (no "
                    + SparkPrep.META + "); raw Parquet interactions are read by 'genrec spark prep --data parquet:PATH'");
        return () -> {
            Split s = read(dir);
            return DataSpecs.LoadedData.presplit(s, "parquet:" + dir + " (" + s.description() + ")");
        };
    }

    /** The split in {@code dir}. */
    public static Split read(Path dir) {
        JsonNode meta;
        try {
            meta = new ObjectMapper().readTree(dir.resolve(SparkPrep.META).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir.resolve(SparkPrep.META) + " failed", e);
        }
        if (meta.path("format").asInt() != 1)
            throw new DataFormatException(dir.resolve(SparkPrep.META), 0, "format", "unsupported format " + meta.path("format") + ", this GenRec reads 1");
        SparkSession spark = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get() : null;
        if (spark == null) {
            System.err.println("genrec: reading parquet:" + dir + " with a local[1] Spark session");
            spark = SparkSessions.start("local[1]", "genrec-parquet-reader", null);
        }
        IdMap users = ids(spark, dir.resolve("users"), meta.path("users").asInt());
        IdMap items = ids(spark, dir.resolve("items"), meta.path("items").asInt());
        var rows = spark.read().parquet(dir.resolve("interactions").toString()).select(col("part").cast("int"), col("u"), col("i"), col("value"), col("time"), col("pos"));
        int parts = PART_NAMES.length;
        int[][] count = new int[parts][users.size()];
        for (Row r : rows.groupBy("part", "u").count().collectAsList()) count[r.getInt(0)][r.getInt(1)] = (int) r.getLong(2);
        // each part's columns are allocated at their exact size and adopted by the Dataset: 16 bytes per interaction,
        // no user column and no copy (at 100M interactions the driver held 2 GB of columns twice)
        int[][] ptr = new int[parts][];
        int[][] iCol = new int[parts][];
        float[][] vCol = new float[parts][];
        long[][] tCol = new long[parts][];
        for (int p = 0; p < parts; p++) {
            ptr[p] = new int[users.size() + 1];
            for (int u = 0; u < users.size(); u++) ptr[p][u + 1] = ptr[p][u] + count[p][u];
            count[p] = null;
            int n = ptr[p][users.size()];
            iCol[p] = new int[n]; vCol[p] = new float[n]; tCol[p] = new long[n];
        }
        // rows come sorted by position in the user's full history (time order, ties in input order)
        int[][] next = new int[parts][];
        for (int p = 0; p < parts; p++) next[p] = java.util.Arrays.copyOf(ptr[p], users.size());
        for (Iterator<Row> it = rows.orderBy("part", "u", "pos").toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            int p = r.getInt(0), u = r.getInt(1);
            int k = next[p][u]++;
            if (k >= ptr[p][u + 1]) throw new DataFormatException(dir.resolve("interactions"), 0, "u", "more rows for user " + u + " in part " + PART_NAMES[p] + " than counted");
            iCol[p][k] = r.getInt(2); vCol[p][k] = r.getFloat(3); tCol[p][k] = r.getLong(4);
        }
        next = null;
        String base = dir.toAbsolutePath().getFileName().toString();
        Dataset[] d = new Dataset[parts];
        for (int p = 0; p < parts; p++) {
            d[p] = Dataset.adoptUserRows(base + "/" + PART_NAMES[p], users, items, ItemCatalog.bare(items), UserTable.empty(users.size()),
                    ptr[p], iCol[p], vCol[p], tCol[p]);
            iCol[p] = null; vCol[p] = null; tCol[p] = null;
        }
        String description = meta.path("split").asText();
        boolean validation = meta.path("validation").asBoolean(true);
        if (meta.path("kind").asText().equals("fold-in"))
            return new Split(d[0], new EvalSet("validation", d[3], d[1]), new EvalSet("test", d[4], d[2]), description);
        if (!validation) return new Split(d[0], null, new EvalSet("test", d[0], d[2]), description);
        Dataset testHistory = d[0].union(base + "/train+validation", d[1]);
        return new Split(d[0], new EvalSet("validation", d[0], d[1]), new EvalSet("test", testHistory, d[2]), description);
    }

    private static IdMap ids(SparkSession spark, Path path, int expected) {
        String[] out = new String[expected];
        for (Row r : spark.read().parquet(path.toString()).collectAsList()) {
            int k = r.getInt(r.fieldIndex("index"));
            if (k < 0 || k >= expected) throw new DataFormatException(path, 0, "index", "id index " + k + " outside [0," + expected + ")");
            out[k] = r.getString(r.fieldIndex("id"));
        }
        for (int k = 0; k < expected; k++) if (out[k] == null) throw new DataFormatException(path, 0, "index", "no id for index " + k);
        return IdMap.of(java.util.Arrays.asList(out));
    }
}

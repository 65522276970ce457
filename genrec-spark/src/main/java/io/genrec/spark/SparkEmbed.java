package io.genrec.spark;

import io.genrec.data.ItemCatalog;
import io.genrec.llm.dense.CatalogEmbeddings;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Embeds a catalogue's item text on Spark executors, for catalogues whose embedding takes too long on one machine.
 * The driver renders each item's text with the same {@link ItemTextTemplate} as the single-JVM path
 * ({@link CatalogEmbeddings}); each executor JVM loads the in-process encoder once and embeds its partitions in
 * batches. Output: Parquet rows (index, item, vector) under {@value #VECTORS}/ plus {@value #META} (encoder, dimension, counts),
 * written under a temporary name beside the target and moved into place.
 */
public final class SparkEmbed {
    public static final String META = "embedding.json";
    /** The Parquet table's directory inside the output (beside {@link #META}, so readers of either never see the other). */
    public static final String VECTORS = "vectors";
    static final StructType INPUT = new StructType().add("index", DataTypes.IntegerType, false)
            .add("item", DataTypes.StringType, false).add("text", DataTypes.StringType, false);
    static final StructType OUTPUT = new StructType().add("index", DataTypes.IntegerType, false)
            .add("item", DataTypes.StringType, false).add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** What a run wrote: items, items whose text rendered empty (zero vectors), dimension, seconds. */
    public record Result(Path dir, int items, int withoutText, int dimension, String encoder, double seconds) { }

    private final SparkSession spark;
    private final Consumer<String> log;

    public SparkEmbed(SparkSession spark, Consumer<String> log) {
        this.spark = spark;
        this.log = log;
    }

    /** Embeds every item of {@code catalog} with the encoder named {@code encoder} ({@link Encoders#byName}) into {@code out}. */
    public Result run(ItemCatalog catalog, ItemTextTemplate template, String encoder, int partitions, int batch, Path out,
                      String source) {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (partitions < 1) throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
        refuseExisting(out);
        ItemEncoder driverSide = Encoders.byName(encoder, 1); // fails on an unknown name before any Spark work
        // in local mode the driver is the executor: its tasks reuse this instance instead of loading the model again
        EmbedPartition.ENCODERS.putIfAbsent(driverSide.modelId(), driverSide);
        long t0 = System.nanoTime();
        List<String> texts = CatalogEmbeddings.texts(catalog, template);
        List<Row> rows = new ArrayList<>(texts.size());
        int without = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) without++;
            rows.add(RowFactory.create(i, catalog.get(i).id(), texts.get(i)));
        }
        if (without > 0)
            log.accept("warning: " + without + " of " + texts.size() + " items have no text; they get zero vectors (counted in " + META + ")");
        var rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions);
        var vectors = spark.createDataFrame(rdd, INPUT)
                .mapPartitions(new EmbedPartition(driverSide.modelId(), batch), org.apache.spark.sql.Encoders.row(OUTPUT));
        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp-" + System.nanoTime());
        vectors.write().mode(SaveMode.ErrorIfExists).parquet(tmp.resolve(VECTORS).toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", 1);
            meta.put("encoder", driverSide.modelId());
            meta.put("dimension", driverSide.dimension());
            meta.put("normalised", "unit length; zero vector for an item without text");
            meta.put("template", template.template());
            meta.put("source", source);
            meta.put("items", texts.size());
            meta.put("itemsWithoutText", without);
            meta.put("partitions", partitions);
            meta.put("seconds", seconds);
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(META).toFile(), meta);
            Files.move(tmp, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out + " failed (partial output left in " + tmp + ")", e);
        }
        return new Result(out, texts.size(), without, driverSide.dimension(), driverSide.modelId(), seconds);
    }

    private static void refuseExisting(Path out) {
        // the output is moved into place under this name, so the name must be free: nothing of the user's is replaced
        if (Files.exists(out))
            throw new IllegalArgumentException("--out " + out + " already exists; give a new directory (nothing is overwritten)");
    }

    /** Embeds one partition in batches with this JVM's encoder. */
    static final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
        /** One encoder per executor JVM and name: loading the ONNX model per task or per row would dominate. */
        private static final Map<String, ItemEncoder> ENCODERS = new ConcurrentHashMap<>();
        private final String encoder;
        private final int batch;

        EmbedPartition(String encoder, int batch) {
            this.encoder = encoder;
            this.batch = batch;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            ItemEncoder e = ENCODERS.computeIfAbsent(encoder, n -> Encoders.byName(n, 1));
            List<Row> out = new ArrayList<>();
            List<Row> pending = new ArrayList<>(batch);
            while (input.hasNext()) {
                pending.add(input.next());
                if (pending.size() == batch || !input.hasNext()) {
                    List<String> texts = new ArrayList<>(pending.size());
                    for (Row r : pending) texts.add(r.getString(2));
                    float[][] v = e.embed(texts, ProgressListener.NONE);
                    for (int k = 0; k < pending.size(); k++) {
                        Float[] boxed = new Float[v[k].length];
                        for (int j = 0; j < boxed.length; j++) boxed[j] = v[k][j];
                        out.add(RowFactory.create(pending.get(k).getInt(0), pending.get(k).getString(1), boxed));
                    }
                    pending.clear();
                }
            }
            return out.iterator();
        }
    }
}

package io.genrec.spark;

import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.models.baseline.BinaryMatrix;
import io.genrec.models.baseline.ItemKnnConfig;
import io.genrec.models.baseline.ItemKnnRecommender;
import io.genrec.provenance.Provenance;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GenRec's {@code itemknn} fitted with its items partitioned across Spark tasks: the binary user–item matrix (both
 * orientations, primitive CSR) is broadcast, each task computes the neighbour lists of its item range with itemknn's
 * own {@link ItemKnnRecommender.RowBuilder}, and the driver assembles them into itemknn's fitted model. The
 * result scores exactly like the single-JVM fit (bit-equal neighbour lists; {@code ItemKnnSparkTest}); its provenance
 * records that it was fitted on Spark. Binary columns only: {@code weighted=true} is refused.
 */
public final class ItemKnnSpark implements Recommender {
    public static final String NAME = "itemknn-spark";
    private final ItemKnnConfig config;

    public ItemKnnSpark(ItemKnnConfig config) {
        if (config.weighted())
            throw new IllegalArgumentException(NAME + ": weighted=true is not distributed; use 'itemknn' with weighted=true");
        this.config = config;
    }

    @Override public String name() { return NAME; }
    @Override public ItemKnnConfig config() { return config; }
    @Override public Set<Capability> capabilities() { return EnumSet.of(Capability.FOLD_IN, Capability.PERSISTENCE); }

    @Override
    public FittedRecommender fit(TrainContext context) {
        SparkSession spark = SparkSessions.activeOrLocal(NAME);
        long t0 = System.nanoTime();
        BinaryMatrix x = BinaryMatrix.of(context.train());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<BinaryMatrix> bx = jsc.broadcast(x);
        int n = context.train().numItems();
        int parts = Math.max(1, Math.min(n, jsc.defaultParallelism() * 4));
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < parts; p++) ranges.add(new int[]{(int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)});
        List<Rows> rows = jsc.parallelize(ranges, parts).flatMap(new Neighbours(bx, config.neighbours(), (float) config.shrink())).collect();
        bx.destroy();
        int[][] items = new int[n][];
        float[][] sims = new float[n][];
        for (Rows r : rows) {
            System.arraycopy(r.items, 0, items, r.from, r.items.length);
            System.arraycopy(r.sims, 0, sims, r.from, r.sims.length);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // itemknn's own fitted model (saved as an itemknn archive); the provenance says where it was fitted
        Provenance p = Provenance.capture(ItemKnnRecommender.NAME, config, context.train().name(), context.train().contentHash(),
                context.split(), context.seed(), Map.of("spark", spark.version(), "fittedBy", NAME), Map.of("fit", seconds));
        return ItemKnnRecommender.fromRows(items, sims, p);
    }

    /** The neighbour lists of items {@code from .. from + items.length}. */
    record Rows(int from, int[][] items, float[][] sims) implements Serializable { }

    /** One task: the top-k neighbours of an item range, by itemknn's own {@link ItemKnnRecommender.RowBuilder}. */
    static final class Neighbours implements FlatMapFunction<int[], Rows> {
        private final Broadcast<BinaryMatrix> matrix;
        private final int k;
        private final float shrink;

        Neighbours(Broadcast<BinaryMatrix> matrix, int k, float shrink) {
            this.matrix = matrix;
            this.k = k;
            this.shrink = shrink;
        }

        @Override
        public Iterator<Rows> call(int[] range) {
            int from = range[0], to = range[1];
            int[][] items = new int[to - from][];
            float[][] sims = new float[to - from][];
            ItemKnnRecommender.RowBuilder.binary(matrix.value(), k, shrink).rows(from, to, items, sims, from);
            return List.of(new Rows(from, items, sims)).iterator();
        }
    }
}

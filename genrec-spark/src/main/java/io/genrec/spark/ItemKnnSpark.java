package io.genrec.spark;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.models.baseline.ItemKnnConfig;
import io.genrec.models.baseline.ItemKnnRecommender;
import io.genrec.provenance.Provenance;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GenRec's {@code itemknn} fitted with its items partitioned across Spark tasks: the binary user–item matrix (both
 * orientations, primitive CSR) is broadcast, each task computes the co-occurrence rows, shrunk cosines and top-k
 * neighbours of its item range with the same float arithmetic and candidate order as {@link ItemKnnRecommender}, and
 * the driver assembles the neighbour lists into an {@code itemknn} archive loaded by that model's own provider. The
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
        SparkSession spark = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get() : null;
        if (spark == null) {
            System.err.println("genrec: " + NAME + ": no Spark session; fitting with a local[*] session in this JVM");
            spark = SparkSessions.start("local[*]", "genrec-" + NAME, null);
        }
        long t0 = System.nanoTime();
        Matrix x = Matrix.of(context.train());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Matrix> bx = jsc.broadcast(x);
        int n = x.itemPtr.length - 1;
        int parts = Math.max(1, Math.min(n, jsc.defaultParallelism() * 4));
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < parts; p++) ranges.add(new int[]{(int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)});
        List<Rows> rows = jsc.parallelize(ranges, parts).flatMap(new Neighbours(bx, config.neighbours(), (float) config.shrink())).collect();
        bx.destroy();
        int[] ptr = new int[n + 1];
        int[][] items = new int[n][];
        float[][] sims = new float[n][];
        for (Rows r : rows)
            for (int i = r.from; i < r.from + r.items.length; i++) {
                items[i] = r.items[i - r.from];
                sims[i] = r.sims[i - r.from];
            }
        for (int i = 0; i < n; i++) ptr[i + 1] = ptr[i] + items[i].length;
        int[] nbr = new int[ptr[n]];
        float[] sim = new float[ptr[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(items[i], 0, nbr, ptr[i], items[i].length);
            System.arraycopy(sims[i], 0, sim, ptr[i], sims[i].length);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the archive is itemknn's own, so the fitted model is itemknn's class; the provenance says where it was fitted
        Provenance p = Provenance.capture(ItemKnnRecommender.NAME, config, context.train().name(), context.train().contentHash(),
                context.split(), context.seed(), Map.of("spark", spark.version(), "fittedBy", NAME), Map.of("fit", seconds));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("genrec-itemknn-spark");
            new ModelArchive().putExtra("weighted", false).putInts("pointers", ptr).putInts("neighbours", nbr)
                    .putFloats("similarities", sim).write(dir, ItemKnnRecommender.NAME, p);
            return RecommenderRegistry.load().load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(NAME + ": assembling the itemknn archive failed", e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /**
     * The binary matrix as in genrec-models' BinaryMatrix: item-major with duplicate users dropped, and its transpose
     * (each user's distinct items ascending), so the co-occurrence walk visits candidates in the same order.
     */
    record Matrix(int[] itemPtr, int[] itemUsers, int[] userPtr, int[] userItems) implements Serializable {
        static Matrix of(Dataset data) {
            int numItems = data.numItems(), numUsers = data.numUsers();
            Dataset.Transpose t = data.itemUsers();
            int[] srcPtr = t.itemPtr(), srcUsers = t.userIdx();
            int[] itemPtr = new int[numItems + 1];
            int[] itemUsers = new int[srcUsers.length];
            int o = 0;
            for (int j = 0; j < numItems; j++) {
                int last = -1;
                for (int k = srcPtr[j]; k < srcPtr[j + 1]; k++) {
                    int u = srcUsers[k];
                    if (u != last) itemUsers[o++] = u; // users of an item are ascending: duplicates adjacent
                    last = u;
                }
                itemPtr[j + 1] = o;
            }
            itemUsers = Arrays.copyOf(itemUsers, o);
            int[] userPtr = new int[numUsers + 1];
            for (int u : itemUsers) userPtr[u + 1]++;
            for (int u = 0; u < numUsers; u++) userPtr[u + 1] += userPtr[u];
            int[] next = Arrays.copyOf(userPtr, numUsers);
            int[] userItems = new int[o];
            for (int j = 0; j < numItems; j++)
                for (int k = itemPtr[j]; k < itemPtr[j + 1]; k++) userItems[next[itemUsers[k]]++] = j;
            return new Matrix(itemPtr, itemUsers, userPtr, userItems);
        }
    }

    /** The neighbour lists of items {@code from .. from + items.length}. */
    record Rows(int from, int[][] items, float[][] sims) implements Serializable { }

    /** One task: the top-k neighbours of an item range. */
    static final class Neighbours implements FlatMapFunction<int[], Rows> {
        private final Broadcast<Matrix> matrix;
        private final int k;
        private final float shrink;

        Neighbours(Broadcast<Matrix> matrix, int k, float shrink) {
            this.matrix = matrix;
            this.k = k;
            this.shrink = shrink;
        }

        @Override
        public Iterator<Rows> call(int[] range) {
            Matrix x = matrix.value();
            int[] iptr = x.itemPtr, iusers = x.itemUsers, uptr = x.userPtr, uitems = x.userItems;
            int n = iptr.length - 1;
            float[] norm = new float[n];
            for (int j = 0; j < n; j++) norm[j] = (float) Math.sqrt(iptr[j + 1] - iptr[j]);
            int[] counts = new int[n], touched = new int[n], candidates = new int[n];
            float[] sims = new float[n];
            int from = range[0], to = range[1];
            int[][] outItems = new int[to - from][];
            float[][] outSims = new float[to - from][];
            for (int i = from; i < to; i++) {
                int t = 0;
                for (int a = iptr[i]; a < iptr[i + 1]; a++) {
                    int u = iusers[a];
                    for (int m = uptr[u]; m < uptr[u + 1]; m++) {
                        int j = uitems[m];
                        if (counts[j]++ == 0) touched[t++] = j;
                    }
                }
                int c = 0;
                for (int q = 0; q < t; q++) {
                    int j = touched[q];
                    int common = counts[j];
                    counts[j] = 0;
                    if (j == i) continue;
                    candidates[c] = j;
                    sims[c++] = common / (norm[i] * norm[j] + shrink); // float arithmetic as ItemKnnRecommender's binary path
                }
                TopK best = TopK.select(Arrays.copyOf(sims, c), k, ItemFilter.ALL);
                int[] items = best.items();
                for (int q = 0; q < items.length; q++) items[q] = candidates[items[q]];
                outItems[i - from] = items;
                outSims[i - from] = best.scores();
            }
            return List.of(new Rows(from, outItems, outSims)).iterator();
        }
    }
}

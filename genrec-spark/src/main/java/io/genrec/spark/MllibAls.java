package io.genrec.spark;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spark MLlib's ALS ({@link ALS}, implicit preferences) as a GenRec model: fitted on the running Spark session's
 * executors, its user and item factors collected into primitive arrays, scored as their dot products. Users without
 * training interactions have no factors (MLlib learns one per training user): scoring them is an error, so the
 * protocols that hold users out (strong generalisation) are refused through the missing {@link Capability#FOLD_IN}.
 */
public final class MllibAls implements Recommender {
    public static final String NAME = "als-mllib";
    private final MllibAlsConfig config;

    public MllibAls(MllibAlsConfig config) { this.config = config; }

    @Override public String name() { return NAME; }
    @Override public Record config() { return config; }
    @Override public Set<Capability> capabilities() { return Set.of(Capability.PERSISTENCE); }

    @Override
    public FittedRecommender fit(TrainContext context) {
        SparkSession spark = SparkSessions.activeOrLocal(NAME);
        long t0 = System.nanoTime();
        Dataset train = context.train();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // each task carries its rows in its serialized form: at most ROWS_PER_CHUNK (12 MB) keeps every task far below
        // spark.rpc.message.maxSize (128 MB), which 4 chunks of 71M training rows (214 MB each) exceeded on a cluster
        int parts = (int) Math.max(Math.max(2, jsc.defaultParallelism() * 2L),
                (train.numInteractions() + Chunk.ROWS_PER_CHUNK - 1) / Chunk.ROWS_PER_CHUNK);
        List<Chunk> chunks = Chunk.cut(train, parts);
        StructType schema = new StructType().add("user", DataTypes.IntegerType, false).add("item", DataTypes.IntegerType, false)
                .add("rating", DataTypes.FloatType, false);
        var ratings = spark.createDataFrame(jsc.parallelize(chunks, chunks.size()).flatMap(new Chunk.Rows()), schema);
        ALS als = new ALS().setImplicitPrefs(true).setRank(config.factors()).setRegParam(config.regularization())
                .setAlpha(config.alpha()).setMaxIter(config.iterations()).setSeed(context.seed())
                .setUserCol("user").setItemCol("item").setRatingCol("rating");
        if (config.blocks() > 0) als.setNumBlocks(config.blocks());
        ALSModel model = als.fit(ratings);
        int f = config.factors();
        float[] userF = new float[train.numUsers() * f];
        float[] itemF = new float[train.numItems() * f];
        int[] hasUser = new int[train.numUsers()];
        collect(model.userFactors(), userF, f, hasUser);
        collect(model.itemFactors(), itemF, f, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Provenance p = Provenance.capture(NAME, config, train.name(), train.contentHash(), context.split(), context.seed(),
                Map.of("spark", spark.version()), Map.of("fit", seconds));
        return new Fitted(f, userF, itemF, hasUser, p);
    }

    private static void collect(org.apache.spark.sql.Dataset<Row> factors, float[] out, int f, int[] has) {
        for (Iterator<Row> it = factors.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            int id = r.getInt(0);
            List<Object> v = r.getList(1);
            for (int k = 0; k < f; k++) out[id * f + k] = ((Number) v.get(k)).floatValue();
            if (has != null) has[id] = 1;
        }
    }

    static FittedRecommender load(Path dir) throws IOException {
        ModelArchive.Loaded a = ModelArchive.read(dir);
        if (!NAME.equals(a.header().model()))
            throw new DataFormatException(dir.resolve("model.json"), 0, "model", "saved model is '" + a.header().model() + "', expected '" + NAME + "'");
        int f = a.number("factors").intValue();
        float[] userF = a.floats("userFactors"), itemF = a.floats("itemFactors");
        int[] has = a.ints("hasUser");
        if (f < 1 || itemF.length % f != 0 || userF.length != has.length * f)
            throw new DataFormatException(a.file(), 0, "factors", "factor arrays do not match factors " + f);
        return new Fitted(f, userF, itemF, has, a.header().provenance());
    }

    /** A contiguous run of training rows, sent to one task and expanded there into (user, item, value) rows. */
    record Chunk(int[] users, int[] items, float[] values) implements Serializable {
        static final long ROWS_PER_CHUNK = 1_000_000;

        static List<Chunk> cut(Dataset d, int parts) {
            int[] ptr = d.userPointers(), it = d.itemIndices();
            float[] v = d.values();
            int n = d.numInteractions();
            List<Chunk> out = new ArrayList<>();
            int user = 0;
            for (int p = 0; p < parts; p++) {
                int from = (int) ((long) n * p / parts), to = (int) ((long) n * (p + 1) / parts);
                int[] us = new int[to - from];
                for (int k = from; k < to; k++) {
                    while (ptr[user + 1] <= k) user++;
                    us[k - from] = user;
                }
                out.add(new Chunk(us, java.util.Arrays.copyOfRange(it, from, to), java.util.Arrays.copyOfRange(v, from, to)));
            }
            return out;
        }

        static final class Rows implements FlatMapFunction<Chunk, Row> {
            @Override
            public Iterator<Row> call(Chunk c) {
                List<Row> rows = new ArrayList<>(c.users.length);
                for (int k = 0; k < c.users.length; k++) rows.add(RowFactory.create(c.users[k], c.items[k], c.values[k]));
                return rows.iterator();
            }
        }
    }

    static final class Fitted implements FittedRecommender {
        private final int f;
        private final float[] userF, itemF;
        private final int[] hasUser;
        private final Provenance provenance;

        Fitted(int f, float[] userF, float[] itemF, int[] hasUser, Provenance provenance) {
            this.f = f;
            this.userF = userF;
            this.itemF = itemF;
            this.hasUser = hasUser;
            this.provenance = provenance;
        }

        @Override public String name() { return NAME; }
        @Override public int numItems() { return itemF.length / f; }
        @Override public Provenance provenance() { return provenance; }
        @Override public Set<Capability> capabilities() { return Set.of(Capability.PERSISTENCE); }

        @Override
        public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            int u = user.user();
            if (u < 0 || u >= hasUser.length || hasUser[u] == 0)
                throw new IllegalArgumentException(NAME + " has no factors for user " + u + " (no training interactions); it cannot fold in new users");
            int base = u * f;
            for (int j = 0; j < out.length; j++) {
                float s = 0;
                int jb = j * f;
                for (int k = 0; k < f; k++) s += userF[base + k] * itemF[jb + k];
                out[j] = s;
            }
        }

        @Override
        public void save(Path dir) throws IOException {
            new ModelArchive().putExtra("factors", f).putFloats("userFactors", userF).putFloats("itemFactors", itemF)
                    .putInts("hasUser", hasUser).write(dir, NAME, provenance);
        }
    }
}

package io.genrec.llm.dense;

import io.genrec.data.DataFormatException;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.embed.ItemEncoder;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.util.VectorMath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A fitted {@link DenseRetrievalRecommender}: one unit (or zero) vector per item; {@link #scoreAll} writes the cosine
 * of every item with the request's query vector (see the recommender for how that is formed). The encoder is needed
 * only for text requests; a loaded model creates it on first use from the stored encoder id.
 */
public final class DenseRetrievalModel implements FittedRecommender {
    private final DenseRetrievalRecommender.Config config;
    private final String encoderId;
    private final float[][] items;
    private final int dimension;
    private final Provenance provenance;
    private volatile ItemEncoder encoder;

    DenseRetrievalModel(DenseRetrievalRecommender.Config config, String encoderId, int dimension, float[][] items,
                        Provenance provenance, ItemEncoder encoder) {
        this.config = config;
        this.encoderId = encoderId;
        this.items = items;
        this.dimension = dimension;
        this.provenance = provenance;
        this.encoder = encoder;
    }

    @Override
    public String name() { return DenseRetrievalRecommender.NAME; }

    @Override
    public int numItems() { return items.length; }

    public int dimension() { return dimension; }

    /** A copy of item {@code item}'s vector. */
    public float[] itemVector(int item) { return items[item].clone(); }

    @Override
    public void scoreAll(UserContext user, float[] out) {
        checkBuffer(out);
        float[] q = queryVector(user);
        if (q == null) {
            Arrays.fill(out, 0f);
            return;
        }
        scoreQuery(q, out);
    }

    /** Writes the cosine of every item with the unit query vector {@code q} (from {@link #queryVector}). */
    public void scoreQuery(float[] q, float[] out) {
        checkBuffer(out);
        // VectorMath.dot, not Lucene's VectorUtil: its Panama reduction may sum lanes in another order once the JIT
        // compiles it, so the same user scored in two calls could differ in the last bit (a contract test caught it)
        for (int i = 0; i < items.length; i++) out[i] = VectorMath.dot(items[i], q);
    }

    /** The unit query vector of a request, or null when it has neither text nor usable history. */
    public float[] queryVector(UserContext user) {
        if (!user.text().isBlank()) {
            float[] q = encoder().embed(user.text());
            if (q.length != dimension)
                throw new IllegalStateException("encoder " + encoder().modelId() + " gives " + q.length + "-d vectors, model has " + dimension);
            if (nonZero(q)) return q;
        }
        int[] history = user.history();
        if (history.length == 0) return null;
        float[] q = new float[dimension];
        double w = 1;
        int oldest = Math.max(0, history.length - config.maxHistory());
        for (int j = history.length - 1; j >= oldest; j--, w *= config.recencyDecay()) {
            int item = history[j];
            if (item < 0 || item >= items.length)
                throw new IllegalArgumentException("history item " + item + " out of range [0," + items.length + ")");
            float[] v = items[item];
            for (int d = 0; d < dimension; d++) q[d] += (float) (w * v[d]);
        }
        if (!nonZero(q)) return null;
        return VectorMath.normalize(q);
    }

    private static boolean nonZero(float[] v) {
        for (float x : v) if (x != 0f) return true;
        return false;
    }

    private ItemEncoder encoder() {
        ItemEncoder e = encoder;
        if (e == null) {
            synchronized (this) {
                if (encoder == null) encoder = Encoders.byName(encoderId, 1);
                e = encoder;
            }
        }
        return e;
    }

    @Override
    public Provenance provenance() { return provenance; }

    @Override
    public Set<Capability> capabilities() { return CAPABILITIES; }

    static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(
            EnumSet.of(Capability.TEXT_QUERY, Capability.FOLD_IN, Capability.PERSISTENCE));

    @Override
    public void save(Path dir) throws IOException {
        float[] flat = new float[items.length * dimension];
        for (int i = 0; i < items.length; i++) System.arraycopy(items[i], 0, flat, i * dimension, dimension);
        new ModelArchive().putFloats("itemVectors", flat)
                .putExtra("numItems", items.length).putExtra("dimension", dimension).putExtra("encoderId", encoderId)
                .putExtra("encoder", config.encoder()).putExtra("template", config.template())
                .putExtra("recencyDecay", config.recencyDecay()).putExtra("maxHistory", config.maxHistory())
                .putExtra("cache", config.cache()).putExtra("cacheDir", config.cacheDir())
                .write(dir, DenseRetrievalRecommender.NAME, provenance);
    }

    /**
     * Restores a saved model. Text requests need the encoder it was fitted with: {@code encoder} when given (it must
     * report the stored model id), else one created by name on first use.
     */
    public static DenseRetrievalModel load(Path dir, ItemEncoder encoder) throws IOException {
        ModelArchive.Loaded a = ModelArchive.read(dir);
        Map<String, Object> x = a.header().extra();
        int n = a.number("numItems").intValue(), d = a.number("dimension").intValue();
        float[] flat = a.floats("itemVectors");
        if (flat.length != (long) n * d)
            throw new DataFormatException(a.file(), 0, "itemVectors", flat.length + " values, expected " + n + " x " + d);
        String encoderId = String.valueOf(x.get("encoderId"));
        if (encoder != null && !encoder.modelId().equals(encoderId))
            throw new IllegalArgumentException("model in " + dir + " was fitted with encoder '" + encoderId + "', given '" + encoder.modelId() + "'");
        var config = new DenseRetrievalRecommender.Config(String.valueOf(x.get("encoder")), String.valueOf(x.get("template")),
                a.number("recencyDecay").doubleValue(), a.number("maxHistory").intValue(),
                Boolean.TRUE.equals(x.get("cache")), String.valueOf(x.get("cacheDir")));
        float[][] items = new float[n][d];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * d, items[i], 0, d);
        return new DenseRetrievalModel(config, encoderId, d, items, a.header().provenance(), encoder);
    }
}

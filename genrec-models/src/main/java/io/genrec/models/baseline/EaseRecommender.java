package io.genrec.models.baseline;

import io.genrec.data.DataFormatException;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.util.Parallel;
import io.genrec.util.VectorMath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * EASE^R (Steck, WWW 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): the item–item weight matrix
 * {@code B} minimising {@code ||X - XB||² + λ||B||²} subject to {@code diag(B) = 0} has the closed form
 * {@code P = (XᵀX + λI)⁻¹, B_ij = -P_ij / P_jj, B_jj = 0}. X is the binary user–item matrix, or with
 * {@link EaseConfig#weighted()} the summed interaction values (then a request's history is weighted by its values too). The Gram matrix is
 * accumulated sparsely row by row from the item-major matrix (in parallel), the inverse runs in PyTorch through DJL
 * ({@link DenseInverse}), and a user's scores are {@code x_u B}: the sum of the rows of B of the distinct history
 * items, one vectorised axpy per history item. Memory is n² floats for n items (36 MB for 3,000 items; 1.6 GB for
 * 20,000), plus as much again transiently during fitting.
 */
public final class EaseRecommender implements Recommender {
    public static final String NAME = "ease";
    /** Larger item sets would overflow a Java array of n² floats. */
    static final int MAX_ITEMS = 46_340;
    private final EaseConfig config;

    public EaseRecommender(EaseConfig config) { this.config = config; }

    @Override public String name() { return NAME; }
    @Override public EaseConfig config() { return config; }
    @Override public Set<Capability> capabilities() { return capabilities(config.weighted()); }

    /** Fold-in from any history; the values are used only when weighted. */
    static Set<Capability> capabilities(boolean weighted) {
        return weighted ? EnumSet.of(Capability.FOLD_IN, Capability.PERSISTENCE, Capability.INTERACTION_VALUES)
                : EnumSet.of(Capability.FOLD_IN, Capability.PERSISTENCE);
    }

    @Override
    public FittedRecommender fit(TrainContext context) {
        long start = System.nanoTime();
        BinaryMatrix x = BinaryMatrix.of(context.train());
        int n = x.numItems();
        if (n > MAX_ITEMS)
            throw new IllegalArgumentException("ease: " + n + " items is more than the dense n×n weight matrix supports (" + MAX_ITEMS + ")");
        checkHeap(n, Runtime.getRuntime().maxMemory());
        float[] gram = config.weighted()
                ? weightedGram(x, BinaryMatrix.summedValues(context.train(), x, "ease (weighted=true)"), context.threads())
                : gram(x, context.threads());
        for (int j = 0; j < n; j++) gram[j * n + j] += (float) config.lambda();
        double gramSeconds = BaselineArchive.secondsSince(start);
        context.listener().progress("ease", 1, 3, "Gram matrix " + n + "×" + n);
        long inverseStart = System.nanoTime();
        float[] p = n == 0 ? gram : DenseInverse.invertInPlace(gram, n, config.doublePrecision());
        double inverseSeconds = BaselineArchive.secondsSince(inverseStart);
        context.listener().progress("ease", 2, 3, "inverse");
        float[] b = weightsFromInverse(p, n);
        context.listener().progress("ease", 3, 3, "weights");
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("fit", BaselineArchive.secondsSince(start));
        timings.put("gram", gramSeconds);
        timings.put("inverse", inverseSeconds);
        Provenance prov = BaselineArchive.provenance(this, context, DenseInverse.libraries(), timings);
        return new Fitted(n, b, config.weighted(), prov);
    }

    /**
     * Fails before any work when the heap cannot hold the dense n×n matrix EASE needs (the Gram matrix, inverted in
     * place into the weights), instead of an OutOfMemoryError minutes into the fit.
     */
    static void checkHeap(int n, long maxHeapBytes) {
        long need = 4L * n * n;
        if (need > maxHeapBytes * 0.9)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "ease: %,d items need a %,d×%,d float matrix (%.1f GB) on the Java heap, and this JVM's heap is at most "
                            + "%.1f GB: raise it (GENREC_HEAP=%dg for ./genrec, or -Xmx) or use an item-based model such as itemknn",
                    n, n, n, need / 1e9, maxHeapBytes / 1e9, (long) Math.ceil(need * 1.5 / (1L << 30)) + 1));
    }

    /** XᵀX of the value matrix ({@code values} aligned with the user-major entries), row by row in parallel. */
    static float[] weightedGram(BinaryMatrix x, float[] values, int threads) {
        int n = x.numItems();
        float[] itemValues = x.itemMajor(values);
        int[] iptr = x.itemPointers(), iusers = x.itemUsers(), uptr = x.userPointers(), uitems = x.userItems();
        float[] g = new float[n * n];
        Parallel.forRange(n, threads, 32, () -> new double[n], (acc, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int k = iptr[i]; k < iptr[i + 1]; k++) {
                    int u = iusers[k];
                    double wi = itemValues[k];
                    for (int m = uptr[u]; m < uptr[u + 1]; m++) acc[uitems[m]] += wi * values[m];
                }
                for (int j = 0; j < n; j++) {
                    g[i * n + j] = (float) acc[j];
                    acc[j] = 0;
                }
            }
        });
        return g;
    }

    /** XᵀX as a dense row-major float matrix, one sparse co-occurrence row per item. Counts are exact below 2²⁴ users. */
    static float[] gram(BinaryMatrix x, int threads) {
        int n = x.numItems();
        float[] g = new float[n * n];
        Parallel.forRange(n, threads, 32, () -> new int[][] {new int[n], new int[n]}, (s, from, to) -> {
            int[] counts = s[0], touched = s[1];
            for (int i = from; i < to; i++) {
                int m = x.coOccurrences(i, counts, touched);
                for (int t = 0; t < m; t++) {
                    int j = touched[t];
                    g[i * n + j] = counts[j];
                    counts[j] = 0;
                }
            }
        });
        return g;
    }

    /** {@code B_ij = -P_ij / P_jj} with a zero diagonal, overwriting {@code p}. */
    static float[] weightsFromInverse(float[] p, int n) {
        float[] inverseDiagonal = new float[n];
        for (int j = 0; j < n; j++) inverseDiagonal[j] = -1f / p[j * n + j];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) p[i * n + j] *= inverseDiagonal[j];
            p[i * n + i] = 0f;
        }
        return p;
    }

    static FittedRecommender load(Path dir) throws IOException {
        ModelArchive.Loaded a = BaselineArchive.read(dir, NAME);
        int n = a.number("items").intValue();
        float[] b = a.floats("weights");
        if ((long) n * n != b.length)
            throw new DataFormatException(a.file(), 0, "weights", "has " + b.length + " entries, expected " + n + "×" + n);
        return new Fitted(n, b, Boolean.TRUE.equals(a.header().extra().get("weighted")), a.header().provenance());
    }

    /** The dense weight matrix B, row-major. */
    private record Fitted(int numItems, float[] weights, boolean weighted, Provenance provenance) implements FittedRecommender {
        @Override public String name() { return NAME; }

        @Override
        public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            Arrays.fill(out, 0f);
            if (!weighted) {
                for (int i : HistoryItems.distinct(user.history(), numItems))
                    VectorMath.axpy(1f, weights, i * numItems, out, 0, numItems);
                return;
            }
            int[] items = HistoryItems.distinct(user.history(), numItems);
            float[] sum = new float[items.length];
            int[] h = user.history();
            for (int k = 0; k < h.length; k++) sum[Arrays.binarySearch(items, h[k])] += user.value(k);
            for (int m = 0; m < items.length; m++) VectorMath.axpy(sum[m], weights, items[m] * numItems, out, 0, numItems);
        }

        @Override
        public Set<Capability> capabilities() { return EaseRecommender.capabilities(weighted); }

        @Override
        public void save(Path dir) throws IOException {
            new ModelArchive().putExtra("items", numItems).putExtra("weighted", weighted).putFloats("weights", weights).write(dir, NAME, provenance);
        }
    }
}

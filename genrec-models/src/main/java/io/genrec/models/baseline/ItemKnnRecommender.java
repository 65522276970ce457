package io.genrec.models.baseline;

import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ModelArchive;
import io.genrec.model.Recommender;
import io.genrec.model.TopK;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.util.Parallel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Item-based collaborative filtering (Sarwar et al., WWW 2001; the tuned variant of Dacrema et al., RecSys 2019):
 * cosine similarity of item columns of the binary user–item matrix with shrinkage,
 * {@code sim(i,j) = |U_i ∩ U_j| / (sqrt|U_i| sqrt|U_j| + shrink)}, keeping the {@code neighbours} most similar items
 * {@code j} of each item {@code i}; a user's score for {@code j} is the sum of {@code sim(i,j)} over the distinct
 * history items {@code i} that have {@code j} as a neighbour. No self-similarity. With {@link ItemKnnConfig#weighted()}
 * the columns hold the summed interaction values ({@code sim(i,j) = <v_i, v_j> / (|v_i| |v_j| + shrink)}) and each
 * history item's similarities are multiplied by its value in the request. Fitting computes each item's
 * co-occurrence row sparsely from the item-major matrix, in parallel over items; scoring walks only the neighbour
 * lists of the history, so it costs O(|history| * neighbours).
 */
public final class ItemKnnRecommender implements Recommender {
    public static final String NAME = "itemknn";
    private final ItemKnnConfig config;

    public ItemKnnRecommender(ItemKnnConfig config) { this.config = config; }

    @Override public String name() { return NAME; }
    @Override public ItemKnnConfig config() { return config; }
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
        float[] norm = RowBuilder.binaryNorms(x);
        float[] values = config.weighted() ? BinaryMatrix.summedValues(context.train(), x, "itemknn (weighted=true)") : null;
        float[] itemValues = values == null ? null : x.itemMajor(values);
        if (values != null) {
            int[] iptr = x.itemPointers();
            for (int j = 0; j < n; j++) {
                double sq = 0;
                for (int k = iptr[j]; k < iptr[j + 1]; k++) sq += (double) itemValues[k] * itemValues[k];
                norm[j] = (float) Math.sqrt(sq);
            }
        }
        int[][] rowItems = new int[n][];
        float[][] rowSims = new float[n][];
        Parallel.forRange(n, context.threads(), 64,
                () -> new RowBuilder(x, values, itemValues, norm, config.neighbours(), (float) config.shrink()), (rb, from, to) -> {
            rb.rows(from, to, rowItems, rowSims, 0);
            context.listener().progress("itemknn", to, n, "similarity rows");
        });
        Provenance p = BaselineArchive.provenance(this, context, Map.of(), Map.of("fit", BaselineArchive.secondsSince(start)));
        return assemble(rowItems, rowSims, config.weighted(), p);
    }

    /**
     * The binary model from neighbour lists computed elsewhere ({@code rowItems[i]}, {@code rowSims[i]}: item i's
     * neighbours and similarities, as {@link RowBuilder#rows} writes them), e.g. by a distributed fit; {@code provenance}
     * is saved with it.
     */
    public static FittedRecommender fromRows(int[][] rowItems, float[][] rowSims, Provenance provenance) {
        return assemble(rowItems, rowSims, false, provenance);
    }

    private static Fitted assemble(int[][] rowItems, float[][] rowSims, boolean weighted, Provenance p) {
        int n = rowItems.length;
        int[] ptr = new int[n + 1];
        for (int i = 0; i < n; i++) ptr[i + 1] = ptr[i] + rowItems[i].length;
        int[] nbr = new int[ptr[n]];
        float[] sim = new float[ptr[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rowItems[i], 0, nbr, ptr[i], rowItems[i].length);
            System.arraycopy(rowSims[i], 0, sim, ptr[i], rowSims[i].length);
        }
        return new Fitted(ptr, nbr, sim, weighted, p);
    }

    static FittedRecommender load(Path dir) throws IOException {
        ModelArchive.Loaded a = BaselineArchive.read(dir, NAME);
        return new Fitted(a.ints("pointers"), a.ints("neighbours"), a.floats("similarities"),
                Boolean.TRUE.equals(a.header().extra().get("weighted")), a.header().provenance());
    }

    /**
     * Computes neighbour lists for ranges of items, with buffers for one thread: the whole of a fit's similarity work.
     * Public so a distributed fit (genrec-spark's {@code itemknn-spark}) computes its item ranges with this very code,
     * hence the same neighbours bit for bit.
     */
    public static final class RowBuilder {
        private final BinaryMatrix x;
        private final float[] values, itemValues, norm;
        private final int neighbours;
        private final float shrink;
        private final int[] counts, touched, candidates;
        private final float[] sims;
        private final double[] dots;

        /** {@code values == null}: binary columns; else the weighted variant's user-major and item-major values. */
        RowBuilder(BinaryMatrix x, float[] values, float[] itemValues, float[] norm, int neighbours, float shrink) {
            this.x = x;
            this.values = values;
            this.itemValues = itemValues;
            this.norm = norm;
            this.neighbours = neighbours;
            this.shrink = shrink;
            int n = x.numItems();
            counts = new int[n];
            touched = new int[n];
            candidates = new int[n];
            sims = new float[n];
            dots = new double[n];
        }

        /** For the binary model ({@code weighted=false}) of {@code x}. */
        public static RowBuilder binary(BinaryMatrix x, int neighbours, float shrink) {
            return new RowBuilder(x, null, null, binaryNorms(x), neighbours, shrink);
        }

        /** Column norms of the binary matrix: the square root of each item's number of distinct users. */
        static float[] binaryNorms(BinaryMatrix x) {
            float[] norm = new float[x.numItems()];
            for (int j = 0; j < norm.length; j++) norm[j] = (float) Math.sqrt(x.itemDegree(j));
            return norm;
        }

        /** Writes the neighbour lists of items {@code from..to-1} to {@code rowItems[i - offset]}, {@code rowSims[i - offset]}. */
        public void rows(int from, int to, int[][] rowItems, float[][] rowSims, int offset) {
            for (int i = from; i < to; i++) {
                int t = values == null ? x.coOccurrences(i, counts, touched) : weightedRow(i);
                int c = 0;
                for (int q = 0; q < t; q++) {
                    int j = touched[q];
                    int common = counts[j];
                    double dot = dots[j];
                    counts[j] = 0;
                    dots[j] = 0;
                    if (j == i) continue;
                    candidates[c] = j;
                    // the binary path keeps its float arithmetic, so default results stay bit-identical
                    sims[c++] = values == null ? common / (norm[i] * norm[j] + shrink) : (float) (dot / (norm[i] * norm[j] + shrink));
                }
                TopK best = TopK.select(Arrays.copyOf(sims, c), neighbours, ItemFilter.ALL);
                int[] items = best.items();
                for (int k = 0; k < items.length; k++) items[k] = candidates[items[k]];
                rowItems[i - offset] = items;
                rowSims[i - offset] = best.scores();
            }
        }

        /** Row i of VᵀV for the value matrix V into {@code dots}, listing the touched items; returns how many. */
        private int weightedRow(int i) {
            int[] iptr = x.itemPointers(), iusers = x.itemUsers(), uptr = x.userPointers(), uitems = x.userItems();
            int n = 0;
            for (int k = iptr[i]; k < iptr[i + 1]; k++) {
                int u = iusers[k];
                double wi = itemValues[k];
                for (int m = uptr[u]; m < uptr[u + 1]; m++) {
                    int j = uitems[m];
                    if (counts[j]++ == 0) touched[n++] = j;
                    dots[j] += wi * values[m];
                }
            }
            return n;
        }
    }

    /** Neighbour lists as CSR: the neighbours of item i are {@code neighbours[pointers[i]..pointers[i+1])}. */
    private record Fitted(int[] pointers, int[] neighbours, float[] similarities, boolean weighted, Provenance provenance)
            implements FittedRecommender {
        @Override public String name() { return NAME; }
        @Override public int numItems() { return pointers.length - 1; }

        @Override
        public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            Arrays.fill(out, 0f);
            int[] items = HistoryItems.distinct(user.history(), numItems());
            float[] w = null;
            if (weighted) {
                w = new float[items.length];
                int[] h = user.history();
                for (int k = 0; k < h.length; k++) w[Arrays.binarySearch(items, h[k])] += user.value(k);
            }
            for (int m = 0; m < items.length; m++) {
                int i = items[m];
                float wi = w == null ? 1f : w[m];
                for (int k = pointers[i]; k < pointers[i + 1]; k++) out[neighbours[k]] += wi * similarities[k];
            }
        }

        @Override
        public Set<Capability> capabilities() { return ItemKnnRecommender.capabilities(weighted); }

        @Override
        public void save(Path dir) throws IOException {
            new ModelArchive().putExtra("weighted", weighted).putInts("pointers", pointers).putInts("neighbours", neighbours)
                    .putFloats("similarities", similarities).write(dir, NAME, provenance);
        }
    }
}

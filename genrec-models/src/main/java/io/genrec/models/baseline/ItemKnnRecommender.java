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
        float[] norm = new float[n];
        for (int j = 0; j < n; j++) norm[j] = (float) Math.sqrt(x.itemDegree(j));
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
        float shrink = (float) config.shrink();
        Parallel.forRange(n, context.threads(), 64, () -> new Scratch(n), (s, from, to) -> {
            for (int i = from; i < to; i++) {
                int touched = values == null ? x.coOccurrences(i, s.counts, s.touched) : s.weightedRow(x, i, values, itemValues);
                int c = 0;
                for (int t = 0; t < touched; t++) {
                    int j = s.touched[t];
                    int common = s.counts[j];
                    double dot = s.dots[j];
                    s.counts[j] = 0;
                    s.dots[j] = 0;
                    if (j == i) continue;
                    s.candidates[c] = j;
                    // the binary path keeps its float arithmetic, so default results stay bit-identical
                    s.sims[c++] = values == null ? common / (norm[i] * norm[j] + shrink) : (float) (dot / (norm[i] * norm[j] + shrink));
                }
                TopK best = TopK.select(Arrays.copyOf(s.sims, c), config.neighbours(), ItemFilter.ALL);
                int[] items = best.items();
                for (int k = 0; k < items.length; k++) items[k] = s.candidates[items[k]];
                rowItems[i] = items;
                rowSims[i] = best.scores();
            }
            context.listener().progress("itemknn", to, n, "similarity rows");
        });
        int[] ptr = new int[n + 1];
        for (int i = 0; i < n; i++) ptr[i + 1] = ptr[i] + rowItems[i].length;
        int[] nbr = new int[ptr[n]];
        float[] sim = new float[ptr[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rowItems[i], 0, nbr, ptr[i], rowItems[i].length);
            System.arraycopy(rowSims[i], 0, sim, ptr[i], rowSims[i].length);
        }
        Provenance p = BaselineArchive.provenance(this, context, Map.of(), Map.of("fit", BaselineArchive.secondsSince(start)));
        return new Fitted(ptr, nbr, sim, config.weighted(), p);
    }

    static FittedRecommender load(Path dir) throws IOException {
        ModelArchive.Loaded a = BaselineArchive.read(dir, NAME);
        return new Fitted(a.ints("pointers"), a.ints("neighbours"), a.floats("similarities"),
                Boolean.TRUE.equals(a.header().extra().get("weighted")), a.header().provenance());
    }

    /** Per-thread buffers for the co-occurrence rows. */
    private static final class Scratch {
        final int[] counts, touched, candidates;
        final float[] sims;
        final double[] dots;

        Scratch(int n) {
            counts = new int[n];
            touched = new int[n];
            candidates = new int[n];
            sims = new float[n];
            dots = new double[n];
        }

        /** Row i of VᵀV for the value matrix V into {@code dots}, listing the touched items; returns how many. */
        int weightedRow(BinaryMatrix x, int i, float[] values, float[] itemValues) {
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

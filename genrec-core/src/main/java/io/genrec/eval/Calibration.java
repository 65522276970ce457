package io.genrec.eval;

import io.genrec.data.Dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Miscalibration of a top-k list against the user's training profile over item categories (genres), Steck 2018
 * ("Calibrated recommendations", RecSys): every item spreads weight 1 evenly over its categories,
 * p(g|i) = 1/|G(i)|; the profile distribution is p(g|u) = sum over the user's distinct training items of p(g|i),
 * normalised; the list distribution q(g|u) the same over the listed items (equal weights: Steck's optional rank
 * weighting is not used); q~ = (1 - α) q + α p with α = {@link #ALPHA}; the value is KL(p || q~) =
 * sum over g with p(g|u) > 0 of p log(p / q~) (natural log). Items without categories carry no weight; NaN when
 * the user's training items have no categories at all. 0 when the list has exactly the profile's genre mix.
 */
final class Calibration {
    static final double ALPHA = 0.01;

    private final int[][] categories;
    private final int numCategories;
    private final Dataset train;

    Calibration(Dataset train) {
        this.train = train;
        Map<String, Integer> index = new HashMap<>();
        categories = new int[train.numItems()][];
        for (int i = 0; i < categories.length; i++) {
            List<String> cats = train.catalog().get(i).categories();
            int[] c = new int[cats.size()];
            for (int j = 0; j < c.length; j++) c[j] = index.computeIfAbsent(cats.get(j), k -> index.size());
            categories[i] = c;
        }
        numCategories = index.size();
        if (numCategories == 0)
            throw new IllegalArgumentException("miscal@k (calibration) needs item categories (genres), but data '" + train.name()
                    + "' has none; use data with item metadata, e.g. movielens:DIR");
    }

    /** Per-thread scratch buffers. */
    final class Scratch {
        final double[] p = new double[numCategories];
        final double[] q = new double[numCategories];
    }

    Scratch scratch() { return new Scratch(); }

    double miscalibration(int user, int[] list, int n, Scratch s) {
        java.util.Arrays.fill(s.p, 0);
        java.util.Arrays.fill(s.q, 0);
        int[] ptr = train.userPointers(), items = train.itemIndices();
        // Repeated interactions with an item count once, like the popularity metrics.
        java.util.BitSet seen = new java.util.BitSet();
        for (int k = ptr[user]; k < ptr[user + 1]; k++) if (!seen.get(items[k])) { seen.set(items[k]); spread(items[k], s.p); }
        for (int r = 0; r < n; r++) spread(list[r], s.q);
        double pSum = 0, qSum = 0;
        for (int g = 0; g < numCategories; g++) { pSum += s.p[g]; qSum += s.q[g]; }
        if (pSum == 0) return Double.NaN;
        double kl = 0;
        for (int g = 0; g < numCategories; g++) {
            if (s.p[g] == 0) continue;
            double p = s.p[g] / pSum;
            double q = qSum == 0 ? 0 : s.q[g] / qSum;
            double qt = (1 - ALPHA) * q + ALPHA * p;
            kl += p * Math.log(p / qt);
        }
        return kl;
    }

    private void spread(int item, double[] into) {
        int[] c = categories[item];
        for (int g : c) into[g] += 1.0 / c.length;
    }
}

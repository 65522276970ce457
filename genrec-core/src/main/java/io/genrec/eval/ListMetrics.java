package io.genrec.eval;

/**
 * Beyond-accuracy properties of one user's top-k list ({@code items[0..n)}); averaged over users by the evaluator.
 * NaN when undefined (empty list; ILD of fewer than two items).
 */
final class ListMetrics {
    private ListMetrics() { }

    /** Mean self-information -log2 p(i) of the listed items (see {@link TrainPopularity#selfInformation}). */
    static double novelty(int[] items, int n, TrainPopularity pop) {
        if (n == 0) return Double.NaN;
        double sum = 0;
        for (int p = 0; p < n; p++) sum += pop.selfInformation(items[p]);
        return sum / n;
    }

    /**
     * Average recommendation popularity (Abdollahpouri et al. 2019, "Managing popularity bias in recommender
     * systems with personalized re-ranking"): mean number of distinct training users of the listed items.
     */
    static double averagePopularity(int[] items, int n, TrainPopularity pop) {
        if (n == 0) return Double.NaN;
        double sum = 0;
        for (int p = 0; p < n; p++) sum += pop.users(items[p]);
        return sum / n;
    }

    /**
     * Intra-list diversity (Ziegler et al. 2005): mean over unordered pairs of listed items of 1 - similarity.
     * {@code sim} must have been loaded with at least the first {@code n} items.
     */
    static double intraListDiversity(int n, ItemSimilarity sim) {
        if (n < 2) return Double.NaN;
        double sum = 0;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++) sum += 1 - sim.similarity(a, b);
        return sum / ((double) n * (n - 1) / 2);
    }
}

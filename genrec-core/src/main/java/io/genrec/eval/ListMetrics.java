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

    /** Share of the listed items in popularity bucket {@code bucket} ({@link PopularityBuckets}). */
    static double bucketShare(int[] items, int n, TrainPopularity pop, byte bucket) {
        if (n == 0) return Double.NaN;
        int c = 0;
        for (int p = 0; p < n; p++) if (pop.buckets().bucket(items[p]) == bucket) c++;
        return (double) c / n;
    }

    /**
     * Popularity lift of one user, the per-user form of the ΔGAP of Abdollahpouri et al. (UMAP 2021, "User-centered
     * evaluation of popularity bias in recommender systems"): (ARP of the list - mean popularity of the user's
     * training items) / the latter. The paper divides group means; here each user has a value so that it can be
     * averaged and split by user group. 0: the list is as popular as the profile; &gt; 0: more popular. NaN without
     * training items.
     */
    static double popularityLift(int user, int[] items, int n, TrainPopularity pop) {
        double profile = pop.profilePopularity(user);
        if (n == 0 || Double.isNaN(profile) || profile == 0) return Double.NaN;
        return (averagePopularity(items, n, pop) - profile) / profile;
    }
}

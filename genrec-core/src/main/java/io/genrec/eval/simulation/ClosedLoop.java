package io.genrec.eval.simulation;

import io.genrec.data.Dataset;
import io.genrec.eval.CatalogMetrics;
import io.genrec.eval.ListDiversity;
import io.genrec.eval.PopularityBuckets;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.UserContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Closed-loop simulation (feedback loops in the sense of Chaney, Stewart and Engelhardt, RecSys 2018): each round the
 * recommender is refitted on everything consumed so far, every simulated user gets a top-k slate of items they have
 * not consumed, clicks it through the {@link UserSimulator}, and the clicked items join their history for the next
 * round. What is measured per round is what the recommender showed (exposure) and what users took, so a model that
 * narrows its lists over time shows falling coverage, rising Gini and rising inter-user list similarity.
 */
public final class ClosedLoop {
    /**
     * One round's measures.
     *
     * @param clicksPerUser  mean clicks per user on this round's slates
     * @param coverage       distinct recommended items / catalogue
     * @param gini           Gini coefficient of the round's exposure counts over the catalogue
     * @param headShare      share of slots given to head items (buckets of the round-0 training data)
     * @param listJaccard    mean Jaccard similarity of two users' slates over all user pairs (homogenisation)
     * @param ild            mean intra-list diversity of the slates ({@link ListDiversity}, round-0 data)
     * @param cumulativeGini Gini of all clicks so far over the catalogue (concentration of consumption)
     */
    public record Round(int round, double clicksPerUser, double coverage, double gini, double headShare,
                        double listJaccard, double ild, double cumulativeGini, double fitSeconds) { }

    private ClosedLoop() { }

    /**
     * @param train  the round-0 data (the simulator's users and items)
     * @param fitter fits a model on the data of a round
     * @param rounds number of rounds (each refits once)
     */
    public static List<Round> run(Dataset train, UserSimulator sim, Function<Dataset, FittedRecommender> fitter,
                                  int rounds, int k, long seed) {
        if (sim.numUsers() != train.numUsers() || sim.numItems() != train.numItems())
            throw new IllegalArgumentException("simulator and data '" + train.name() + "' differ in users or items");
        if (rounds < 1 || k < 1) throw new IllegalArgumentException("rounds and k must be >= 1, got " + rounds + ", " + k);
        PopularityBuckets buckets = new PopularityBuckets(train.itemPopularity());
        ListDiversity diversity = new ListDiversity(train);
        long t0 = 0;
        for (long t : train.timestamps()) t0 = Math.max(t0, t);
        int nu = train.numUsers(), ni = train.numItems();
        int[] clickedTotal = new int[ni];
        Dataset data = train;
        List<Round> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            FittedRecommender model = fitter.apply(data);
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            int[][] slates = new int[nu][];
            int[] exposure = new int[ni];
            int slots = 0, head = 0;
            long clicks = 0;
            double ildSum = 0;
            int ildLists = 0;
            List<int[]> added = new ArrayList<>();
            for (int u = 0; u < nu; u++) {
                int[] slate = model.recommend(UserContext.of(data, u), k, ItemFilter.excluding(data.itemsOf(u))).items();
                slates[u] = slate;
                double ild = diversity.of(slate);
                if (!Double.isNaN(ild)) { ildSum += ild; ildLists++; }
                SplittableRandom rng = UserSimulator.rng(seed, 1, r, u);
                boolean[] c = sim.clicks(u, slate, rng);
                for (int p = 0; p < slate.length; p++) {
                    exposure[slate[p]]++;
                    slots++;
                    if (buckets.bucket(slate[p]) == PopularityBuckets.HEAD) head++;
                    if (c[p]) {
                        clicks++;
                        clickedTotal[slate[p]]++;
                        added.add(new int[] {u, slate[p]});
                    }
                }
            }
            out.add(new Round(r, (double) clicks / nu, CatalogMetrics.coverage(exposure), CatalogMetrics.gini(exposure),
                    slots == 0 ? Double.NaN : (double) head / slots, meanPairwiseJaccard(slates, ni),
                    ildLists == 0 ? Double.NaN : ildSum / ildLists, CatalogMetrics.gini(clickedTotal), fitSeconds));
            data = withClicks(data, added, t0 + r + 1);
        }
        return out;
    }

    /** The data plus one interaction (value 1) per click, stamped after everything before it. */
    static Dataset withClicks(Dataset data, List<int[]> clicks, long time) {
        int n = data.numInteractions() + clicks.size();
        int[] u = new int[n], it = new int[n];
        float[] v = new float[n];
        long[] t = new long[n];
        int o = 0;
        int[] ptr = data.userPointers(), idx = data.itemIndices();
        float[] val = data.values();
        long[] tim = data.timestamps();
        for (int user = 0; user < data.numUsers(); user++)
            for (int x = ptr[user]; x < ptr[user + 1]; x++) { u[o] = user; it[o] = idx[x]; v[o] = val[x]; t[o] = tim[x]; o++; }
        for (int[] c : clicks) { u[o] = c[0]; it[o] = c[1]; v[o] = 1f; t[o] = time; o++; }
        return Dataset.fromColumns(data.name(), data.userIds(), data.itemIds(), data.catalog(), data.userTable(), n, u, it, v, t);
    }

    /**
     * Mean over all unordered user pairs of |A ∩ B| / |A ∪ B| of their slates (0 when fewer than two users). Pair
     * intersections are counted through an item → users index, so the cost is the sum of squared exposures rather
     * than users squared times k squared.
     */
    static double meanPairwiseJaccard(int[][] slates, int numItems) {
        int nu = slates.length;
        if (nu < 2) return 0;
        int[] count = new int[numItems];
        for (int[] s : slates) for (int i : s) count[i]++;
        int[][] users = new int[numItems][];
        for (int i = 0; i < numItems; i++) users[i] = new int[count[i]];
        int[] fill = new int[numItems];
        for (int u = 0; u < nu; u++) for (int i : slates[u]) users[i][fill[i]++] = u;
        int[] inter = new int[nu];
        double sum = 0;
        for (int a = 0; a < nu; a++) {
            Arrays.fill(inter, a + 1, nu, 0);
            for (int i : slates[a]) for (int b : users[i]) if (b > a) inter[b]++;
            for (int b = a + 1; b < nu; b++) {
                int union = slates[a].length + slates[b].length - inter[b];
                if (union > 0) sum += (double) inter[b] / union;
            }
        }
        return sum / ((double) nu * (nu - 1) / 2);
    }
}

package io.genrec.eval.simulation;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A simulated user population built from held-out data: a position-based click model (PBM; Craswell et al. 2008,
 * Joachims et al. 2017) whose attraction comes from a reference model's preferences.
 *
 * <p>For user u, every item is ranked: the user's held-out (test) items first, the rest by the reference model's
 * score for u's training history (ties by item index). The item at rank r gets attraction
 * {@code maxAttraction * exp(-r / tau)}; items the user already holds in training get 0 (already consumed). A
 * slate item at 0-based position p is clicked with probability {@code attraction / (p + 1)^eta} (examination falls
 * with position). All randomness comes from a seed the caller passes per (round, user), so runs are reproducible
 * and independent of thread order.
 */
public final class UserSimulator {
    /** @param maxAttraction attraction of the user's best item, in (0, 1]; @param tau rank decay; @param eta position bias */
    public record Config(double maxAttraction, double tau, double eta) {
        public Config {
            if (!(maxAttraction > 0 && maxAttraction <= 1)) throw new IllegalArgumentException("maxAttraction must be in (0, 1], got " + maxAttraction);
            if (!(tau > 0)) throw new IllegalArgumentException("tau must be > 0, got " + tau);
            if (!(eta >= 0)) throw new IllegalArgumentException("eta must be >= 0, got " + eta);
        }

        public static Config defaults() { return new Config(0.9, 20, 1.0); }
    }

    private final float[][] attraction;
    private final Config config;

    UserSimulator(float[][] attraction, Config config) {
        this.attraction = attraction;
        this.config = config;
    }

    /**
     * @param reference a model fitted on {@code train}, whose scores order each user's non-held-out items
     * @param heldOut   the held-out interactions over the same ids (their items rank first for their user)
     */
    public static UserSimulator fromReference(FittedRecommender reference, Dataset train, Dataset heldOut, Config config) {
        if (heldOut.numUsers() != train.numUsers() || heldOut.numItems() != train.numItems())
            throw new IllegalArgumentException("held-out data '" + heldOut.name() + "' is not over the ids of '" + train.name() + "'");
        int n = train.numItems();
        float[][] att = new float[train.numUsers()][];
        float[] scores = new float[n];
        for (int u = 0; u < train.numUsers(); u++) {
            reference.scoreAll(UserContext.of(train, u), scores);
            att[u] = attractionRow(scores, train.itemsOf(u), heldOut.itemsOf(u), config);
        }
        return new UserSimulator(att, config);
    }

    /** One user's attraction row from reference scores (package-private so tests can check it by hand). */
    static float[] attractionRow(float[] scores, int[] consumed, int[] heldOut, Config config) {
        int n = scores.length;
        boolean[] isHeld = new boolean[n], isConsumed = new boolean[n];
        for (int i : heldOut) isHeld[i] = true;
        for (int i : consumed) isConsumed[i] = true;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            if (isHeld[a] != isHeld[b]) return isHeld[a] ? -1 : 1;
            int c = Float.compare(clean(scores[b]), clean(scores[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        float[] row = new float[n];
        int rank = 0;
        for (Integer item : order) {
            if (isConsumed[item] && !isHeld[item]) continue; // consumed items get no rank and attraction 0
            row[item] = (float) (config.maxAttraction() * Math.exp(-rank / config.tau()));
            rank++;
        }
        return row;
    }

    // NaN and -infinity ("never recommend") sort last
    private static float clean(float s) { return Float.isNaN(s) ? Float.NEGATIVE_INFINITY : s; }

    public int numUsers() { return attraction.length; }

    public int numItems() { return attraction.length == 0 ? 0 : attraction[0].length; }

    public Config config() { return config; }

    public double attraction(int user, int item) { return attraction[user][item]; }

    /** Examination probability of 0-based position {@code p}. */
    public double examination(int position) { return Math.pow(position + 1, -config.eta()); }

    public double clickProbability(int user, int item, int position) { return examination(position) * attraction[user][item]; }

    /** Expected clicks on a slate. */
    public double expectedClicks(int user, int[] slate) {
        double s = 0;
        for (int p = 0; p < slate.length; p++) s += clickProbability(user, slate[p], p);
        return s;
    }

    /** Which slate positions the user clicks (independent Bernoulli per position, as in the PBM). */
    public boolean[] clicks(int user, int[] slate, SplittableRandom rng) {
        boolean[] c = new boolean[slate.length];
        for (int p = 0; p < slate.length; p++) c[p] = rng.nextDouble() < clickProbability(user, slate[p], p);
        return c;
    }

    /** A generator for one (stream, round, user) cell: the same seed gives the same draws whatever the visiting order. */
    public static SplittableRandom rng(long seed, long stream, long round, long user) {
        long h = seed;
        for (long x : new long[] {stream, round, user}) h = mix(h * 0x9E3779B97F4A7C15L + x);
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

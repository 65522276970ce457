package io.genrec.eval.robustness;

import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.UserContext;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Perturbations of the histories a fitted model is queried with (not of its training data), for the sensitivity of
 * sequence models to noisy or reordered input: with strength s in [0, 1], per user,
 * <ul>
 *   <li>{@code drop}: each interaction is removed with probability s (at least one is kept);</li>
 *   <li>{@code shuffle}: round(s·n) of the n positions are chosen and their order (timestamps) is permuted among them;</li>
 *   <li>{@code insert}: round(s·n) items the user has neither in the history nor among {@code protectedItems} (the
 *       held-out targets, so noise never leaks an answer) are added at random places in the sequence.</li>
 * </ul>
 * Strength 0 returns the history unchanged. Draws come from the seed per user, so the result is deterministic.
 */
public final class HistoryPerturbation {
    public enum Type {
        DROP, SHUFFLE, INSERT;

        public static Type parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown perturbation '" + s + "'; expected drop, shuffle or insert");
            }
        }

        public String key() { return name().toLowerCase(Locale.ROOT); }
    }

    private HistoryPerturbation() { }

    public static Dataset apply(Dataset history, Dataset protectedItems, Type type, double strength, long seed) {
        if (!(strength >= 0 && strength <= 1)) throw new IllegalArgumentException("perturbation strength must be in [0, 1], got " + strength);
        if (strength == 0) return history;
        int nu = history.numUsers();
        int cap = history.numInteractions() + (type == Type.INSERT ? (int) Math.ceil(history.numInteractions() * strength) + nu : 0);
        int[] u = new int[cap], it = new int[cap];
        float[] v = new float[cap];
        long[] t = new long[cap];
        int o = 0;
        for (int user = 0; user < nu; user++) {
            int[] items = history.itemsOf(user);
            float[] values = history.valuesOf(user);
            long[] times = history.timesOf(user);
            int n = items.length;
            if (n == 0) continue;
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + user);
            switch (type) {
                case DROP -> {
                    boolean[] keep = new boolean[n];
                    int kept = 0;
                    for (int j = 0; j < n; j++) if (keep[j] = rng.nextDouble() >= strength) kept++;
                    if (kept == 0) keep[rng.nextInt(n)] = true;
                    for (int j = 0; j < n; j++) if (keep[j]) { u[o] = user; it[o] = items[j]; v[o] = values[j]; t[o] = times[j]; o++; }
                }
                case SHUFFLE -> {
                    int m = (int) Math.round(strength * n);
                    int[] pos = sample(n, m, rng);
                    int[] order = pos.clone();
                    for (int j = m - 1; j > 0; j--) { int r = rng.nextInt(j + 1); int x = order[j]; order[j] = order[r]; order[r] = x; }
                    // Items move between the chosen slots and take the slot's time, so the new order survives the CSR sort.
                    int[] newItems = items.clone();
                    float[] newValues = values.clone();
                    for (int j = 0; j < m; j++) { newItems[pos[j]] = items[order[j]]; newValues[pos[j]] = values[order[j]]; }
                    for (int j = 0; j < n; j++) { u[o] = user; it[o] = newItems[j]; v[o] = newValues[j]; t[o] = times[j]; o++; }
                }
                case INSERT -> {
                    for (int j = 0; j < n; j++) { u[o] = user; it[o] = items[j]; v[o] = values[j]; t[o] = times[j]; o++; }
                    boolean[] taken = new boolean[history.numItems()];
                    for (int i : items) taken[i] = true;
                    if (protectedItems != null) for (int i : protectedItems.itemsOf(user)) taken[i] = true;
                    int free = 0;
                    for (boolean b : taken) if (!b) free++;
                    int m = Math.min((int) Math.round(strength * n), free);
                    float value = values[0];
                    for (int j = 0; j < m; j++) {
                        int pick;
                        do pick = rng.nextInt(taken.length); while (taken[pick]);
                        taken[pick] = true;
                        u[o] = user; it[o] = pick; v[o] = value; t[o] = times[rng.nextInt(n)]; o++;
                    }
                }
            }
        }
        return Dataset.fromColumns(history.name() + "+" + type.key() + "(" + strength + ")", history.userIds(), history.itemIds(),
                history.catalog(), history.userTable(), o, u, it, v, t);
    }

    /** m distinct positions of 0..n-1 in ascending order. */
    private static int[] sample(int n, int m, SplittableRandom rng) {
        int[] all = new int[n];
        for (int j = 0; j < n; j++) all[j] = j;
        for (int j = 0; j < m; j++) { int r = j + rng.nextInt(n - j); int x = all[j]; all[j] = all[r]; all[r] = x; }
        int[] out = Arrays.copyOf(all, m);
        Arrays.sort(out);
        return out;
    }

    /**
     * Mean over {@code users} of the Jaccard similarity of the top-k lists the model gives for the two histories,
     * both excluding the items of {@code excluded} (the unperturbed history, so the candidate sets are equal).
     */
    public static double meanListJaccard(FittedRecommender model, Dataset clean, Dataset perturbed, Dataset excluded, int[] users, int k) {
        if (users.length == 0) return Double.NaN;
        double sum = 0;
        for (int user : users) {
            ItemFilter filter = ItemFilter.excluding(excluded.itemsOf(user));
            int[] a = model.recommend(UserContext.of(clean, user), k, filter).items();
            int[] b = model.recommend(UserContext.of(perturbed, user), k, filter).items();
            sum += jaccard(a, b);
        }
        return sum / users.length;
    }

    static double jaccard(int[] a, int[] b) {
        int inter = 0;
        for (int x : a) for (int y : b) if (x == y) { inter++; break; }
        int union = a.length + b.length - inter;
        return union == 0 ? 1 : (double) inter / union;
    }
}

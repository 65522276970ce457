package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RatingPredictor;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.split.EvalSet;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Hand-built datasets and score models for the evaluation tests. */
final class EvalFixtures {
    private EvalFixtures() { }

    static IdMap ids(String prefix, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(prefix + i);
        return IdMap.of(l);
    }

    /** A dataset where user u has the items {@code perUser[u]} (value 1, times in list order). */
    static Dataset dataset(String name, IdMap users, IdMap items, ItemCatalog catalog, int[][] perUser) {
        return dataset(name, users, items, catalog, perUser, null);
    }

    /** Same with explicit values ({@code values[u][j]} for {@code perUser[u][j]}); null values mean 1. */
    static Dataset dataset(String name, IdMap users, IdMap items, ItemCatalog catalog, int[][] perUser, float[][] values) {
        int n = 0;
        for (int[] row : perUser) n += row.length;
        int[] u = new int[n], i = new int[n];
        float[] v = new float[n];
        long[] t = new long[n];
        int o = 0;
        for (int user = 0; user < perUser.length; user++) {
            for (int j = 0; j < perUser[user].length; j++) {
                u[o] = user;
                i[o] = perUser[user][j];
                v[o] = values == null ? 1f : values[user][j];
                t[o] = j;
                o++;
            }
        }
        return Dataset.fromColumns(name, users, items, catalog, null, n, u, i, v, t);
    }

    /** An eval set over {@code users} x {@code items} ids with the given history (also excluded) and targets. */
    static EvalSet evalSet(int numItems, int[][] history, int[][] targets) {
        IdMap users = ids("u", history.length), items = ids("i", numItems);
        return new EvalSet("test", dataset("history", users, items, null, history), dataset("targets", users, items, null, targets));
    }

    static ItemCatalog categories(IdMap items, List<List<String>> cats) {
        Item[] out = new Item[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = new Item(items.externalId(i), "", cats.get(i), null, null);
        return new ItemCatalog(out);
    }

    /** Returns fixed per-user scores {@code scores[user]}. */
    static class FixedScores implements FittedRecommender {
        final float[][] scores;

        FixedScores(float[][] scores) { this.scores = scores; }

        @Override public String name() { return "fixed"; }
        @Override public int numItems() { return scores[0].length; }
        @Override public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            System.arraycopy(scores[user.user()], 0, out, 0, out.length);
        }
        @Override public Provenance provenance() { return null; }
        @Override public Set<Capability> capabilities() { return EnumSet.noneOf(Capability.class); }
    }

    /** Fixed scores that also predict the score itself as the rating. */
    static final class FixedRatings extends FixedScores implements RatingPredictor {
        FixedRatings(float[][] scores) { super(scores); }

        @Override public String name() { return "fixed-ratings"; }
        @Override public Set<Capability> capabilities() { return EnumSet.of(Capability.RATING_PREDICTION); }
        @Override public float predictRating(UserContext user, int item) { return scores[user.user()][item]; }
    }

    /**
     * Deterministic pseudo-random scores from (seed, user, item), safe for concurrent calls. With {@code levels} > 0
     * scores are rounded to that many distinct values, so ties are common; a share {@code neverShare} of the scores
     * is {@code -infinity} ("never recommend").
     */
    static class RandomScores implements FittedRecommender {
        private final int numItems;
        private final long seed;
        private final int levels;
        private final double neverShare;

        RandomScores(int numItems, long seed, int levels) { this(numItems, seed, levels, 0); }

        RandomScores(int numItems, long seed, int levels, double neverShare) {
            this.numItems = numItems;
            this.seed = seed;
            this.levels = levels;
            this.neverShare = neverShare;
        }

        @Override public String name() { return "random"; }
        @Override public int numItems() { return numItems; }
        @Override public void scoreAll(UserContext user, float[] out) {
            checkBuffer(out);
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + user.user());
            for (int i = 0; i < out.length; i++) {
                float s = r.nextFloat();
                out[i] = levels > 0 ? (float) Math.floor(s * levels) : s;
                if (neverShare > 0 && r.nextDouble() < neverShare) out[i] = Float.NEGATIVE_INFINITY;
            }
        }
        @Override public Provenance provenance() { return null; }
        @Override public Set<Capability> capabilities() { return EnumSet.noneOf(Capability.class); }
    }

    /** A random eval set: each user has a random history and 1..maxTargets random targets disjoint from it. */
    static EvalSet randomEvalSet(int numUsers, int numItems, int maxHistory, int maxTargets, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] history = new int[numUsers][], targets = new int[numUsers][];
        for (int u = 0; u < numUsers; u++) {
            int h = r.nextInt(maxHistory + 1), t = 1 + r.nextInt(maxTargets);
            int[] perm = permutation(numItems, r);
            history[u] = java.util.Arrays.copyOfRange(perm, 0, Math.min(h, numItems - 1));
            targets[u] = java.util.Arrays.copyOfRange(perm, history[u].length, Math.min(history[u].length + t, numItems));
        }
        return evalSet(numItems, history, targets);
    }

    static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = p[i]; p[i] = p[j]; p[j] = x;
        }
        return p;
    }
}

package io.genrec.split;

import io.genrec.config.Params;
import io.genrec.data.Dataset;

import java.util.SplittableRandom;

/**
 * Strong generalisation, the protocol of Mult-VAE (Liang, Krishnan, Hoffman &amp; Jebara, "Variational Autoencoders
 * for Collaborative Filtering", WWW 2018, sec. 4.1, and the preprocessing in their released notebook): users, not
 * interactions, are held out, so the model is evaluated on users it never saw in training.
 *
 * <ol>
 *   <li>The users with at least one interaction are shuffled (seeded); the last {@code h} go to test, the {@code h}
 *       before them to validation and the rest to training ({@code h} = {@code heldoutUsers}, e.g. 10,000 for ML-20M in
 *       the paper, or {@code round(heldoutFraction × active users)}).</li>
 *   <li>All interactions of training users form the training set.</li>
 *   <li>Held-out interactions with an item that no training user has are dropped (as the reference code does), so
 *       every item a model is asked to rank has been seen in training. They appear in no part of the split.</li>
 *   <li>For each held-out user with at least {@code minInteractions} remaining interactions (5 in the reference code),
 *       a uniformly random {@code floor(targetFraction × n)} of them (0.2) are the targets and the rest the fold-in
 *       history the model is queried with; users with fewer keep all as fold-in and are not evaluated.</li>
 * </ol>
 * The reference code's other steps (binarising ratings &gt; 3.5, keeping users with at least 5 ratings) are dataset
 * preprocessing, not part of this splitter. Input with repeated (user, item) pairs can put a copy of a target in
 * the fold-in part; deduplicate first. Randomness: one {@link SplittableRandom} seeded with the seed shuffles the
 * users, then draws targets user by user in id order (the reference code reseeds numpy instead, so its exact
 * assignment is not reproduced, only the protocol).
 */
public final class StrongGeneralizationSplitter implements Splitter {
    public static final String NAME = "strong-generalization";

    private final int heldoutUsers;
    private final double heldoutFraction;
    private final double targetFraction;
    private final int minInteractions;

    private StrongGeneralizationSplitter(int heldoutUsers, double heldoutFraction, double targetFraction, int minInteractions) {
        this.heldoutUsers = heldoutUsers;
        this.heldoutFraction = heldoutFraction;
        this.targetFraction = SplitParams.checkFraction(NAME, "target-fraction", targetFraction, false);
        this.minInteractions = SplitParams.checkAtLeast(NAME, "min-interactions", minInteractions, 2,
                "a fold-in and a target interaction");
    }

    /** {@code count} users each for validation and test (the paper: 10,000 for ML-20M). */
    public static StrongGeneralizationSplitter withHeldoutUsers(int count, double targetFraction, int minInteractions) {
        SplitParams.checkAtLeast(NAME, "heldout-users", count, 1, "someone to evaluate");
        return new StrongGeneralizationSplitter(count, 0, targetFraction, minInteractions);
    }

    /** {@code round(fraction × active users)} users each for validation and test. */
    public static StrongGeneralizationSplitter withHeldoutFraction(double fraction, double targetFraction, int minInteractions) {
        if (!(fraction > 0 && fraction < 0.5))
            throw SplitParams.bad(NAME, "heldout-fraction", fraction, "a fraction in (0, 0.5): validation and test each get it");
        return new StrongGeneralizationSplitter(-1, fraction, targetFraction, minInteractions);
    }

    /** 10% of the users each for validation and test, 20% targets, minimum 5 interactions. */
    public StrongGeneralizationSplitter() { this(-1, 0.1, 0.2, 5); }

    /**
     * Keys: {@code heldout-users} (a count) or {@code heldout-fraction} (default 0.1; not both),
     * {@code target-fraction} (default 0.2), {@code min-interactions} (default 5).
     */
    public static StrongGeneralizationSplitter fromParams(Params params) {
        if (params.has("heldout-users") && params.has("heldout-fraction"))
            throw new IllegalArgumentException(NAME + ": give either 'heldout-users' or 'heldout-fraction', not both");
        double target = SplitParams.fraction(params, NAME, "target-fraction", 0.2, false);
        int min = params.getInt("min-interactions", 5);
        int count = params.getInt("heldout-users", -1);
        double fraction = params.getDouble("heldout-fraction", 0.1);
        return params.has("heldout-users") ? withHeldoutUsers(count, target, min) : withHeldoutFraction(fraction, target, min);
    }

    @Override
    public String name() { return NAME; }

    @Override
    public Split split(Dataset data, long seed) {
        int[] ptr = data.userPointers();
        int[] active = new int[data.numUsers()];
        int numActive = 0;
        for (int u = 0; u < data.numUsers(); u++) if (ptr[u + 1] > ptr[u]) active[numActive++] = u;
        int h = heldoutUsers >= 0 ? heldoutUsers : (int) Math.round(heldoutFraction * numActive);
        if (h < 1 || 2L * h >= numActive)
            throw new IllegalArgumentException(NAME + ": " + h + " held-out users each for validation and test ("
                    + heldoutParameter() + ") do not fit dataset '" + data.name() + "' with " + numActive
                    + " users with interactions: need at least 1 each and at least 1 training user");
        SplittableRandom rnd = new SplittableRandom(seed);
        Sampling.choosePrefix(active, numActive, numActive, rnd);
        byte[] role = new byte[data.numUsers()];
        for (int r = numActive - 2 * h; r < numActive - h; r++) role[active[r]] = Assignment.VALID;
        for (int r = numActive - h; r < numActive; r++) role[active[r]] = Assignment.TEST;

        int[] items = data.itemIndices();
        boolean[] inTrain = new boolean[data.numItems()];
        for (int u = 0; u < data.numUsers(); u++)
            if (role[u] == Assignment.TRAIN) for (int k = ptr[u]; k < ptr[u + 1]; k++) inTrain[items[k]] = true;

        Assignment parts = new Assignment(data);
        int[] kept = new int[0];
        for (int u = 0; u < data.numUsers(); u++) {
            if (role[u] == Assignment.TRAIN) continue;
            byte history = role[u] == Assignment.VALID ? Assignment.VALID_HISTORY : Assignment.TEST_HISTORY;
            int n = ptr[u + 1] - ptr[u];
            if (kept.length < n) kept = new int[Math.max(n, 2 * kept.length)];
            int m = 0;
            for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                if (inTrain[items[k]]) {
                    parts.set(k, history);
                    kept[m++] = k;
                } else {
                    parts.set(k, Assignment.DROPPED);
                }
            }
            if (m < minInteractions) continue;
            int nTargets = (int) (targetFraction * m);
            Sampling.choosePrefix(kept, m, nTargets, rnd);
            for (int j = 0; j < nTargets; j++) parts.set(kept[j], role[u]);
        }
        return parts.foldIn(SplitParams.describe(NAME, parameters(), seed));
    }

    private String heldoutParameter() {
        return heldoutUsers >= 0 ? "heldout-users=" + heldoutUsers : "heldout-fraction=" + heldoutFraction;
    }

    private Object[] parameters() {
        return new Object[] {
            heldoutUsers >= 0 ? "heldout-users" : "heldout-fraction", heldoutUsers >= 0 ? (Object) heldoutUsers : heldoutFraction,
            "target-fraction", targetFraction, "min-interactions", minInteractions};
    }

    @Override
    public String toString() { return SplitParams.describe(NAME, parameters()); }
}

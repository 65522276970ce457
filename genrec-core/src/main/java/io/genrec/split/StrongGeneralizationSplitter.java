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
        int[] sizes = new int[data.numUsers()];
        for (int u = 0; u < sizes.length; u++) sizes[u] = ptr[u + 1] - ptr[u];
        Plan plan = plan(sizes, seed, data.name());

        int[] items = data.itemIndices();
        boolean[] inTrain = new boolean[data.numItems()];
        for (int u = 0; u < data.numUsers(); u++)
            if (plan.role(u) == Plan.TRAIN) for (int k = ptr[u]; k < ptr[u + 1]; k++) inTrain[items[k]] = true;

        Assignment parts = new Assignment(data);
        int[] kept = new int[0];
        for (int u = 0; u < data.numUsers(); u++) {
            byte role = plan.role(u);
            if (role == Plan.TRAIN) continue;
            byte history = role == Plan.VALIDATION ? Assignment.VALID_HISTORY : Assignment.TEST_HISTORY;
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
            int[] targets = plan.targets(m);
            for (int t : targets) parts.set(kept[t], role == Plan.VALIDATION ? Assignment.VALID : Assignment.TEST);
        }
        return parts.foldIn(SplitParams.describe(NAME, parameters(), seed));
    }

    /**
     * The draws of {@link #split} from counts alone, so that an implementation holding the interactions elsewhere (a
     * cluster) reproduces the split exactly: {@link #plan} shuffles the users with interactions ({@code sizes[u] > 0})
     * and gives each a role; then {@link #targets} is called once per held-out user, in user id order, with the number
     * of that user's interactions kept (those with an item some training user has).
     */
    public final class Plan {
        public static final byte TRAIN = 0;
        public static final byte VALIDATION = 1;
        public static final byte TEST = 2;

        private final SplittableRandom rnd;
        private final byte[] role;
        private int[] local = new int[0];

        private Plan(SplittableRandom rnd, byte[] role) {
            this.rnd = rnd;
            this.role = role;
        }

        /** {@link #TRAIN}, {@link #VALIDATION} or {@link #TEST} (users without interactions are TRAIN, with nothing). */
        public byte role(int user) { return role[user]; }

        /**
         * The targets of the next held-out user with {@code kept} kept interactions: positions in its kept,
         * time-ordered list; empty (and no draw) below the minimum.
         */
        public int[] targets(int kept) {
            if (kept < minInteractions) return new int[0];
            int nTargets = (int) (targetFraction * kept);
            local = Sampling.identity(local, kept);
            Sampling.choosePrefix(local, kept, nTargets, rnd);
            return java.util.Arrays.copyOf(local, nTargets);
        }
    }

    /** The user roles of {@link #split} for per-user interaction counts {@code sizes}; {@code name} is for errors. */
    public Plan plan(int[] sizes, long seed, String name) {
        int[] active = new int[sizes.length];
        int numActive = 0;
        for (int u = 0; u < sizes.length; u++) if (sizes[u] > 0) active[numActive++] = u;
        int h = heldoutUsers >= 0 ? heldoutUsers : (int) Math.round(heldoutFraction * numActive);
        if (h < 1 || 2L * h >= numActive)
            throw new IllegalArgumentException(NAME + ": " + h + " held-out users each for validation and test ("
                    + heldoutParameter() + ") do not fit dataset '" + name + "' with " + numActive
                    + " users with interactions: need at least 1 each and at least 1 training user");
        SplittableRandom rnd = new SplittableRandom(seed);
        Sampling.choosePrefix(active, numActive, numActive, rnd);
        byte[] role = new byte[sizes.length];
        for (int r = numActive - 2 * h; r < numActive - h; r++) role[active[r]] = Plan.VALIDATION;
        for (int r = numActive - h; r < numActive; r++) role[active[r]] = Plan.TEST;
        return new Plan(rnd, role);
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

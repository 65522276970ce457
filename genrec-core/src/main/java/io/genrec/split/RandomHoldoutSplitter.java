package io.genrec.split;

import io.genrec.config.Params;
import io.genrec.data.Dataset;

import java.util.SplittableRandom;

/**
 * Per-user random holdout, the protocol of NGCF (Wang et al., SIGIR 2019, sec. 4.1: per user a random 80% of the
 * interactions for training and the rest for test, then a random 10% of the training interactions for validation),
 * also used by LightGCN. For every user with at least {@code minInteractions} interactions, a uniformly random
 * {@code nTest = max(1, round(test·n))} of the user's {@code n} interactions become test targets, then
 * {@code nValid = max(1, round(valid·(n - nTest)))} of the remaining ones validation targets (none when
 * {@code valid = 0}); both are capped so that at least one interaction stays in train. Users with fewer interactions keep everything in train. (RecBole's {@code RS} split with
 * {@code RO} order takes all three ratios of the user's total instead; {@code valid} here is relative to the rest.)
 *
 * <p>Validation queries the model with the training data, test with training + validation data (the validation
 * items are then known and excluded from the test ranking). Time order plays no role. Input with repeated
 * (user, item) pairs can leave a copy of a test item in train; deduplicate first for a leak-free split. Seeded: one
 * {@link SplittableRandom} draws, user by user in id order, so the same data and seed give the same split.
 */
public final class RandomHoldoutSplitter implements Splitter {
    public static final String NAME = "random-holdout";

    private final double test;
    private final double valid;
    private final int minInteractions;

    /** test 0.2, validation 0.1 of the rest, minimum 5 interactions. */
    public RandomHoldoutSplitter() { this(0.2, 0.1, 5); }

    public RandomHoldoutSplitter(double test, double valid, int minInteractions) {
        this.test = SplitParams.checkFraction(NAME, "test", test, false);
        this.valid = SplitParams.checkFraction(NAME, "valid", valid, true);
        this.minInteractions = SplitParams.checkAtLeast(NAME, "min-interactions", minInteractions, valid > 0 ? 3 : 2,
                valid > 0 ? "one train, one validation and one test interaction" : "one train and one test interaction");
    }

    /** Keys: {@code test} (default 0.2), {@code valid} (default 0.1, 0 for none), {@code min-interactions} (default 5). */
    public static RandomHoldoutSplitter fromParams(Params params) {
        double t = SplitParams.fraction(params, NAME, "test", 0.2, false);
        double v = SplitParams.fraction(params, NAME, "valid", 0.1, true);
        return new RandomHoldoutSplitter(t, v, params.getInt("min-interactions", 5));
    }

    @Override
    public String name() { return NAME; }

    @Override
    public Split split(Dataset data, long seed) {
        Assignment parts = new Assignment(data);
        int[] ptr = data.userPointers();
        int[] sizes = new int[data.numUsers()];
        for (int u = 0; u < sizes.length; u++) sizes[u] = ptr[u + 1] - ptr[u];
        choose(sizes, seed, (u, local, nTest, nValid) -> {
            for (int j = 0; j < nTest; j++) parts.set(ptr[u] + local[j], Assignment.TEST);
            for (int j = nTest; j < nTest + nValid; j++) parts.set(ptr[u] + local[j], Assignment.VALID);
        });
        return parts.cumulative(SplitParams.describe(NAME, parameters(), seed), valid > 0);
    }

    /** One user's held-out interactions, by position in the user's time-ordered history (see {@link #choose}). */
    @FunctionalInterface
    public interface Choice {
        /** {@code local[0..nTest)} are test targets, {@code local[nTest..nTest+nValid)} validation targets; {@code local} is reused. */
        void user(int user, int[] local, int nTest, int nValid);
    }

    /**
     * The draws of {@link #split} from the per-user interaction counts alone ({@code sizes[u]}), user by user in id
     * order, so that an implementation holding the interactions elsewhere (a cluster) reproduces the split exactly.
     * Users below the minimum are not reported.
     */
    public void choose(int[] sizes, long seed, Choice out) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] local = new int[0];
        for (int u = 0; u < sizes.length; u++) {
            int n = sizes[u];
            if (n < minInteractions) continue;
            int reserve = valid > 0 ? 1 : 0;
            int nTest = clamp(Math.round(test * n), n - 1 - reserve);
            int nValid = valid > 0 ? clamp(Math.round(valid * (n - nTest)), n - 1 - nTest) : 0;
            local = Sampling.identity(local, n);
            Sampling.choosePrefix(local, n, nTest + nValid, rnd);
            out.user(u, local, nTest, nValid);
        }
    }

    /** Whether validation targets are drawn ({@code valid > 0}). */
    public boolean hasValidation() { return valid > 0; }

    /** {@code count} clamped to {@code [1, max]}. */
    private static int clamp(long count, int max) { return (int) Math.max(1, Math.min(count, max)); }

    @Override
    public String toString() { return SplitParams.describe(NAME, parameters()); }

    private Object[] parameters() { return new Object[] {"test", test, "valid", valid, "min-interactions", minInteractions}; }
}

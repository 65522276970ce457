package io.genrec.eval;

import io.genrec.data.Dataset;
import io.genrec.model.ItemFilter;
import io.genrec.model.TopK;
import io.genrec.split.EvalSet;

import java.util.SplittableRandom;

/**
 * Draws one user's sampled negatives for {@link SampledCandidates}: a weighted sample without replacement by
 * exponential keys (Efraimidis &amp; Spirakis, "Weighted random sampling with a reservoir", IPL 2006): every eligible
 * item gets the key {@code ln(u) / w} with u uniform in (0, 1] and w its weight (1, or its popularity), and the
 * {@code negatives} largest keys win. With equal weights this is a uniform sample without replacement. O(numItems)
 * per user, like the model's own {@code scoreAll}. The generator is seeded from (seed, user) only, so a user's sample
 * does not depend on which thread evaluates it or in what order. One instance per worker (it owns a scratch buffer).
 */
final class NegativeSampler {
    private final SampledCandidates config;
    private final EvalSet set;
    /** Sampling weight per item (popularity in the eval set's history, or 1); null means uniform. */
    private final int[] popularity;
    private final float[] keys;

    NegativeSampler(SampledCandidates config, EvalSet set, int[] popularity) {
        this.config = config;
        this.set = set;
        this.popularity = config.sampling() == SampledCandidates.Sampling.POPULARITY ? popularity : null;
        this.keys = new float[set.history().numItems()];
    }

    /** The weights {@code config} needs from {@code set}: the history's item popularity, or null for uniform sampling. */
    static int[] weights(SampledCandidates config, EvalSet set) {
        return config.sampling() == SampledCandidates.Sampling.POPULARITY ? set.history().itemPopularity() : null;
    }

    /**
     * The sampled negatives of {@code user}, best key first: never an item of the user's history, of
     * {@code excluded} or of {@code targets} (the user's marks, not modified). A user with fewer eligible items than
     * requested is an error naming the user and both counts.
     */
    int[] sample(int user, ItemMarks excluded, ItemMarks targets) {
        Dataset history = set.history();
        int[] ptr = history.userPointers(), idx = history.itemIndices();
        SplittableRandom rng = new SplittableRandom(mix(config.seed() ^ mix(user + 1L)));
        int eligible = 0;
        for (int item = 0; item < keys.length; item++) {
            double u = 1.0 - rng.nextDouble(); // in (0, 1]; drawn for every item so the stream is per-item stable
            int w = popularity == null ? 1 : popularity[item];
            keys[item] = w > 0 ? (float) (Math.log(u) / w) : Float.NEGATIVE_INFINITY;
        }
        for (int k = ptr[user]; k < ptr[user + 1]; k++) keys[idx[k]] = Float.NEGATIVE_INFINITY;
        for (int item = 0; item < keys.length; item++) {
            if (excluded.contains(item) || targets.contains(item)) keys[item] = Float.NEGATIVE_INFINITY;
            else if (keys[item] > Float.NEGATIVE_INFINITY) eligible++;
        }
        if (eligible < config.negatives())
            throw new IllegalArgumentException("sampled evaluation: user '" + history.userIds().externalId(user) + "' has only "
                    + eligible + " items it never interacted with" + (popularity == null ? "" : " (and with popularity > 0)")
                    + ", fewer than the " + config.negatives() + " sampled negatives requested");
        return TopK.select(keys, config.negatives(), ItemFilter.ALL).items();
    }

    /** Stafford's 64-bit finaliser ("variant 13"), so neighbouring users get unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

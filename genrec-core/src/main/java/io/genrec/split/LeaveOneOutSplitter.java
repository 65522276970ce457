package io.genrec.split;

import io.genrec.config.Params;
import io.genrec.data.Dataset;

/**
 * Leave-one-out by time, the protocol of sequential recommenders (SASRec, Kang &amp; McAuley, ICDM 2018, experimental
 * setup; BERT4Rec, Sun et al., CIKM 2019, sec. 4.2; TIGER, Rajput et al., NeurIPS 2023, evaluation setup): for every user with at least
 * {@code minInteractions} interactions, the latest interaction is the test target, the second latest the validation
 * target and all earlier ones are training data. Users with fewer interactions keep everything in train (default
 * minimum 3, so every evaluated user has a training history).
 *
 * <p>Validation queries the model with the training data; test queries it with training + validation data, so the
 * model sees every interaction before the test item, as in the papers above. "Latest" follows the dataset's per-user
 * time order; among equal timestamps the one that came last in the input counts as later. With
 * {@code validation = false} only the test target is held out (minimum 2) and the split has no validation phase.
 * Deterministic: the seed is only recorded in the description.
 */
public final class LeaveOneOutSplitter implements Splitter {
    public static final String NAME = "leave-one-out";

    private final int minInteractions;
    private final boolean validation;

    /** Minimum 3 interactions, with a validation target. */
    public LeaveOneOutSplitter() { this(3, true); }

    public LeaveOneOutSplitter(int minInteractions, boolean validation) {
        int floor = validation ? 3 : 2;
        this.minInteractions = SplitParams.checkAtLeast(NAME, "min-interactions", minInteractions, floor,
                validation ? "one train, one validation and one test interaction" : "one train and one test interaction");
        this.validation = validation;
    }

    /** Keys: {@code min-interactions} (default 3), {@code validation} (default true). */
    public static LeaveOneOutSplitter fromParams(Params params) {
        boolean valid = params.getBoolean("validation", true);
        return new LeaveOneOutSplitter(params.getInt("min-interactions", 3), valid);
    }

    @Override
    public String name() { return NAME; }

    /** Users with fewer interactions keep all in train. */
    public int minInteractions() { return minInteractions; }

    /** Whether the second latest interaction is a validation target. */
    public boolean hasValidation() { return validation; }

    @Override
    public Split split(Dataset data, long seed) {
        Assignment parts = new Assignment(data);
        int[] ptr = data.userPointers();
        for (int u = 0; u < data.numUsers(); u++) {
            if (ptr[u + 1] - ptr[u] < minInteractions) continue;
            parts.set(ptr[u + 1] - 1, Assignment.TEST);
            if (validation) parts.set(ptr[u + 1] - 2, Assignment.VALID);
        }
        return parts.cumulative(SplitParams.describe(NAME, parameters(), seed), validation);
    }

    @Override
    public String toString() { return SplitParams.describe(NAME, parameters()); }

    private Object[] parameters() { return new Object[] {"min-interactions", minInteractions, "validation", validation}; }
}

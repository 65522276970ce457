package io.genrec.split;

import io.genrec.data.Dataset;

/**
 * One evaluation phase (validation or test). For each user with held-out {@code targets}, the model is queried with
 * that user's {@code history} (the interactions it may know: for most protocols the training data, for
 * leave-one-out testing training + validation item, for strong generalisation the 80% fold-in part). History items
 * are excluded from the ranking. Both datasets share the split's id maps.
 */
public record EvalSet(String name, Dataset history, Dataset targets) {
    public EvalSet {
        if (history.userIds() != targets.userIds() || history.itemIds() != targets.itemIds())
            throw new IllegalArgumentException("eval set '" + name + "': history and targets must share id maps");
    }

    /** Users with at least one target, ascending. */
    public int[] evaluatedUsers() {
        int[] ptr = targets.userPointers();
        int n = 0;
        for (int u = 0; u < targets.numUsers(); u++) if (ptr[u + 1] > ptr[u]) n++;
        int[] out = new int[n];
        n = 0;
        for (int u = 0; u < targets.numUsers(); u++) if (ptr[u + 1] > ptr[u]) out[n++] = u;
        return out;
    }
}

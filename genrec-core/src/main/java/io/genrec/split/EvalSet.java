package io.genrec.split;

import io.genrec.data.Dataset;

/**
 * One evaluation phase (validation or test). For each user with held-out {@code targets}, the model is queried with
 * that user's {@code history} (the interactions it may know: for most protocols the training data, for
 * leave-one-out testing training + validation item, for strong generalisation the 80% fold-in part). Items in
 * {@code excluded} are removed from the ranking before metrics are computed: normally the history itself; protocols
 * such as the DiffRec split also exclude the validation items when testing. All datasets share the split's id maps.
 */
public record EvalSet(String name, Dataset history, Dataset targets, Dataset excluded) {
    public EvalSet {
        excluded = excluded == null ? history : excluded;
        if (history.userIds() != targets.userIds() || history.itemIds() != targets.itemIds()
                || excluded.userIds() != history.userIds() || excluded.itemIds() != history.itemIds())
            throw new IllegalArgumentException("eval set '" + name + "': history, targets and exclusions must share id maps");
    }

    /** The usual case: the history is also what is excluded from the ranking. */
    public EvalSet(String name, Dataset history, Dataset targets) { this(name, history, targets, null); }

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

package io.genrec.split;

import io.genrec.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a {@link Splitter}: a training set, an optional validation phase (null when the protocol has none)
 * and a test phase, all over the same id maps. {@code description} names protocol, parameters and seed for
 * provenance, e.g. {@code "leave-one-out(seed=42)"}.
 */
public record Split(Dataset train, EvalSet validation, EvalSet test, String description) {

    /**
     * The parts that together hold every interaction of the split once, in the order GenRec unions them: train, then
     * for each phase its history when that is not already covered (a fold-in history of held-out users) and its
     * targets. A history is covered when it is the training data or has, user by user, as many rows as the parts
     * before it (train + validation as the test's history).
     */
    public List<Dataset> interactionParts() {
        List<Dataset> parts = new ArrayList<>();
        parts.add(train);
        for (EvalSet e : validation == null ? List.of(test) : List.of(validation, test)) {
            if (!covered(e.history(), parts)) parts.add(e.history());
            parts.add(e.targets());
        }
        return parts;
    }

    /** {@link Dataset#union(String, List)} of {@link #interactionParts()}: all interactions of a pre-split source. */
    public Dataset allInteractions(String name) {
        return Dataset.union(name, interactionParts());
    }

    private static boolean covered(Dataset history, List<Dataset> parts) {
        for (Dataset d : parts) if (d == history) return true;
        int[] h = history.userPointers();
        for (int u = 0; u < history.numUsers(); u++) {
            int n = 0;
            for (Dataset d : parts) n += d.historyLength(u);
            if (n != h[u + 1] - h[u]) return false;
        }
        return true;
    }
}

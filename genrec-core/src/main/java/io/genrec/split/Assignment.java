package io.genrec.split;

import io.genrec.data.Dataset;

/**
 * Which part of a split each interaction of a dataset goes to, by CSR position; turns the labels into datasets with
 * {@link Dataset#filter}, so every part keeps the input's id maps. Shared by all splitters so that the way parts
 * become train, validation and test is written once.
 */
final class Assignment {
    static final byte TRAIN = 0;
    static final byte VALID = 1;
    static final byte TEST = 2;
    static final byte VALID_HISTORY = 3;
    static final byte TEST_HISTORY = 4;
    static final byte DROPPED = 5;

    private final Dataset data;
    private final byte[] part;

    /** Starts with every interaction in {@link #TRAIN}. */
    Assignment(Dataset data) {
        this.data = data;
        this.part = new byte[data.numInteractions()];
    }

    void set(int position, byte label) { part[position] = label; }

    /** The interactions labelled {@code label}, named {@code <input name>/<suffix>}. */
    Dataset dataset(byte label, String suffix) {
        boolean[] keep = new boolean[part.length];
        for (int k = 0; k < part.length; k++) keep[k] = part[k] == label;
        return data.filter(data.name() + "/" + suffix, keep);
    }

    /**
     * The split of the chronological protocols (leave-one-out, temporal, random holdout): validation is queried with
     * the training data, test with training + validation data, so the model may know everything outside the test
     * targets. {@code withValidation = false} gives a null validation phase (nothing may be labelled VALID then).
     */
    Split cumulative(String description, boolean withValidation) {
        Dataset train = dataset(TRAIN, "train");
        Dataset test = dataset(TEST, "test");
        if (!withValidation) return new Split(train, null, new EvalSet("test", train, test), description);
        Dataset valid = dataset(VALID, "validation");
        Dataset testHistory = train.union(data.name() + "/train+validation", valid);
        return new Split(train, new EvalSet("validation", train, valid), new EvalSet("test", testHistory, test), description);
    }

    /**
     * The split of user-based protocols (strong generalisation): held-out users are queried with their own fold-in
     * part ({@link #VALID_HISTORY}, {@link #TEST_HISTORY}) and never appear in train.
     */
    Split foldIn(String description) {
        Dataset train = dataset(TRAIN, "train");
        EvalSet valid = new EvalSet("validation", dataset(VALID_HISTORY, "validation-fold-in"), dataset(VALID, "validation"));
        EvalSet test = new EvalSet("test", dataset(TEST_HISTORY, "test-fold-in"), dataset(TEST, "test"));
        return new Split(train, valid, test, description);
    }
}

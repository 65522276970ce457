package io.genrec.model;

import io.genrec.data.Dataset;
import io.genrec.split.EvalSet;

/**
 * Everything {@link Recommender#fit} receives: the training interactions, an optional validation set (for early
 * stopping; null when the protocol has none), the seed every source of randomness derives from, the number of worker
 * threads, a progress listener, and a description of the split {@code train} came from (protocol, parameters and
 * seed, e.g. {@code "leave-one-out(seed=42)"}) that models record in their provenance.
 */
public record TrainContext(Dataset train, EvalSet validation, long seed, int threads, ProgressListener listener, String split) {
    public TrainContext {
        if (train == null) throw new IllegalArgumentException("train must not be null");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        listener = listener == null ? ProgressListener.NONE : listener;
        split = split == null ? "unspecified" : split;
    }

    /** A context whose split is not known to the caller (provenance records "unspecified"). */
    public TrainContext(Dataset train, EvalSet validation, long seed, int threads, ProgressListener listener) {
        this(train, validation, seed, threads, listener, null);
    }

    public static TrainContext of(Dataset train, long seed) {
        return new TrainContext(train, null, seed, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    }
}

package io.genrec.model;

/**
 * An unfitted, configured recommender algorithm: the one contract every model in GenRec implements. {@link #fit}
 * is the only entry point to training, so the experiment runner, the CLI and the server drive every model alike.
 * Implementations are immutable; fitting twice with the same context and seed gives the same scores.
 */
public interface Recommender {
    /** The lower-case name used on the command line ({@code ease}, {@code multvae}). */
    String name();

    /** The hyperparameters, as a record whose fields are recorded in provenance. */
    Record config();

    FittedRecommender fit(TrainContext context);

    /**
     * Capabilities the fitted model is known to have before fitting, so a caller can refuse a request (e.g.
     * {@code recommend --continue} with a model that is not {@link Capability#SEQUENTIAL}) before spending training
     * time. Empty means "not declared"; the fitted model's {@link FittedRecommender#capabilities()} is authoritative.
     */
    default java.util.Set<Capability> capabilities() { return java.util.Set.of(); }
}

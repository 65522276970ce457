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
}

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
     * The capabilities the fitted model will have, declared before fitting so a caller can refuse a request before
     * spending training time: {@code eval} refuses a protocol a model cannot honour ({@link Capability#SEQUENTIAL}
     * needs a time-ordered history, no {@link Capability#FOLD_IN} rules out strong generalisation;
     * {@code io.genrec.experiment.ProtocolCheck}), {@code recommend --continue} needs SEQUENTIAL. Every model must
     * return exactly its fitted model's {@link FittedRecommender#capabilities()} (the recommender contract test
     * checks it); the empty default is for test doubles only.
     */
    default java.util.Set<Capability> capabilities() { return java.util.Set.of(); }
}

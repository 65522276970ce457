package io.genrec.model;

/** Optional abilities of a fitted recommender, declared in {@link FittedRecommender#capabilities()}. */
public enum Capability {
    /** Predicts explicit rating values ({@link RatingPredictor}), so RMSE/MAE apply. */
    RATING_PREDICTION,
    /**
     * Scores users unseen at training time from their history alone (fold-in). Models without it (users are fitted
     * parameters) are refused under strong generalisation, which evaluates only such users.
     */
    FOLD_IN,
    /**
     * Uses the order of the history (sequence models): predicts what follows its end, so it is evaluated only under
     * protocols whose test history is a time-ordered prefix ending before the target (leave-one-out, temporal).
     */
    SEQUENTIAL,
    /** Uses the request's free text. */
    TEXT_QUERY,
    /** Generates whole lists or continuations rather than scoring items independently. */
    LIST_GENERATION,
    /** Can be saved and loaded. */
    PERSISTENCE,
    /**
     * Uses the interaction values (ratings, play counts) as weights, not only whether an interaction exists. Models
     * without it treat every interaction as 1; {@code eval} says so when the training values are not all 1.
     */
    INTERACTION_VALUES
}

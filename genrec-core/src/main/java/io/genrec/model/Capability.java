package io.genrec.model;

/** Optional abilities of a fitted recommender, declared in {@link FittedRecommender#capabilities()}. */
public enum Capability {
    /** Predicts explicit rating values ({@link RatingPredictor}), so RMSE/MAE apply. */
    RATING_PREDICTION,
    /** Scores users unseen at training time from their history alone (fold-in). */
    FOLD_IN,
    /** Uses the order of the history (sequence models). */
    SEQUENTIAL,
    /** Uses the request's free text. */
    TEXT_QUERY,
    /** Generates whole lists or continuations rather than scoring items independently. */
    LIST_GENERATION,
    /** Can be saved and loaded. */
    PERSISTENCE
}

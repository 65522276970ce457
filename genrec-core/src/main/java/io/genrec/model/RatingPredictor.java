package io.genrec.model;

/** A fitted model that predicts explicit rating values (for RMSE/MAE). */
public interface RatingPredictor {
    float predictRating(UserContext user, int item);
}

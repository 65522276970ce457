package io.genrec.models.baseline;

/** Most-popular has no hyperparameters; the empty record keeps the config contract uniform. */
public record MostPopularConfig() {
    public static MostPopularConfig defaults() { return new MostPopularConfig(); }
}

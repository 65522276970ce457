package io.genrec.server.service;

import java.util.List;

/**
 * One listed item as the API returns it.
 *
 * @param source null when the answering model scored it; {@code text} when a new item (added after the model was
 *               fitted) was placed in the list by text similarity, and its score is then a cosine, not a model score
 */
public record ScoredItem(int rank, String item, String title, List<String> categories, float score, String source) {
    /** An item scored by the answering model. */
    public ScoredItem(int rank, String item, String title, List<String> categories, float score) {
        this(rank, item, title, categories, score, null);
    }
}

package io.genrec.server.service;

import io.genrec.server.store.Event;

import java.util.Set;

/**
 * Which stored events count as positive interactions for training and for live histories. Negative actions
 * ({@code dismiss}, {@code dislike}, {@code skip}) never do; a {@code rating} does when its value is at least
 * {@code ratingThreshold} (4 by default, as {@code --implicit auto} binarises 1–5 star ratings); every other action
 * (view, click, purchase, interaction, …) does. Non-positive events are still stored.
 */
public record EventPolicy(float ratingThreshold) {
    public static final EventPolicy DEFAULT = new EventPolicy(4f);
    private static final Set<String> NEGATIVE = Set.of("dismiss", "dislike", "skip");

    public boolean positive(Event e) {
        if (NEGATIVE.contains(e.type())) return false;
        if (e.type().equals("rating")) return e.value() != null && e.value() >= ratingThreshold;
        return true;
    }

    /** The interaction value a model sees: the event's value, else 1. */
    public static float value(Event e) { return e.value() == null ? 1f : e.value().floatValue(); }
}

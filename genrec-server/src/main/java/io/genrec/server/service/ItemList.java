package io.genrec.server.service;

import java.util.List;

/**
 * An answer that lists items.
 *
 * @param model        the model that produced it (for cold start: the fallback's name, e.g. {@code popularity})
 * @param modelVersion the served version of that model (changes when a retrain is swapped in)
 * @param fallback     null when the requested model answered; otherwise why a fallback answered (unknown user, …)
 * @param arm          the experiment arm that served it, or null outside an experiment
 * @param unknownHistory the user's events on items the model does not know (added after it was fitted), left out of
 *                       its input: a model answer that used only part of the history says so
 */
public record ItemList(String model, String modelVersion, String fallback, String arm, List<ScoredItem> items, int unknownHistory) {
    /** An answer that used the whole history (or none). */
    public ItemList(String model, String modelVersion, String fallback, String arm, List<ScoredItem> items) {
        this(model, modelVersion, fallback, arm, items, 0);
    }

    /** This answer attributed to an experiment arm. */
    public ItemList withArm(String arm) { return new ItemList(model, modelVersion, fallback, arm, items, unknownHistory); }
}

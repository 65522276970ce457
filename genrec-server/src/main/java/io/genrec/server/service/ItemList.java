package io.genrec.server.service;

import java.util.List;

/**
 * An answer that lists items.
 *
 * @param model        the model that produced it (for cold start: the fallback's name, e.g. {@code popularity})
 * @param modelVersion the served version of that model (changes when a retrain is swapped in)
 * @param fallback     null when the requested model answered; otherwise why a fallback answered (unknown user, …)
 * @param arm          the experiment arm that served it, or null outside an experiment
 */
public record ItemList(String model, String modelVersion, String fallback, String arm, List<ScoredItem> items) { }

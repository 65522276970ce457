package io.genrec.cli;

import io.genrec.model.FittedRecommender;

/** Prints a model's one-line warning (e.g. "LLM unavailable; used fallback ranking") to stderr, if it has one. */
final class Warnings {
    private Warnings() { }

    static void report(FittedRecommender m) {
        if (m instanceof io.genrec.model.WarningSource w) w.lastWarning().ifPresent(msg -> System.err.println("genrec: warning: " + msg));
    }
}

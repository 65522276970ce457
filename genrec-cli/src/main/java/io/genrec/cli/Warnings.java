package io.genrec.cli;

import io.genrec.model.FittedRecommender;

/** Prints a model's one-line warning (e.g. "LLM unavailable; used fallback ranking") to stderr, if it has one. */
final class Warnings {
    private Warnings() { }

    static void report(FittedRecommender m) {
        if (m instanceof io.genrec.model.WarningSource w) w.lastWarning().ifPresent(msg -> System.err.println("genrec: warning: " + msg));
    }

    /** One line per evaluated model that served some users with a substitute ranking (printed even with --quiet). */
    static void report(io.genrec.experiment.ExperimentReport report) {
        for (var r : report.results()) {
            var f = r.fallback();
            if (f == null) continue;
            System.err.printf(java.util.Locale.ROOT, "genrec: warning: %s: %d of %d users (%.1f%%) got a fallback ranking, not the model's own: %s%n",
                    r.model(), f.users(), r.evaluatedUsers(), 100 * f.fraction(), f.reason());
        }
    }
}

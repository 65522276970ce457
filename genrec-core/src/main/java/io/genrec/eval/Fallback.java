package io.genrec.eval;

/**
 * How many evaluated users a model served with a substitute (e.g. the popularity order of an LLM re-ranker without a
 * reachable endpoint), read from {@link io.genrec.model.WarningSource} after each user's request. Shown next to the
 * numbers so a fallback row is never mistaken for the model's own.
 *
 * @param users    users whose request degraded
 * @param fraction {@code users} over the evaluated users
 * @param reason   the most frequent warning (one line)
 */
public record Fallback(int users, double fraction, String reason) {
    /** "fallback 100%" style label for tables: the percentage rounded, never 0% when any user fell back. */
    public String label() {
        long pct = Math.round(fraction * 100);
        if (pct == 0 && users > 0) return "fallback <1%";
        return "fallback " + pct + "%";
    }
}

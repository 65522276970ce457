package io.genrec.llm.guard;

/**
 * A ranking that contains only real candidates: what the model proposed, checked and completed.
 *
 * @param items             dense item ids, best first; always {@code min(k, candidates)} long
 * @param fromModel         how many leading entries came from the model's answer
 * @param hallucinatedCount answer entries that named no candidate (dropped, never shown)
 * @param duplicateCount    answer entries naming a candidate already placed (dropped)
 * @param usedFallback      true when entries were filled in from the fallback (base) ranking
 * @param warning           one line for the user when something went wrong, else empty
 */
public record GroundedRanking(int[] items, int fromModel, int hallucinatedCount, int duplicateCount,
                              boolean usedFallback, String warning) {
    public GroundedRanking {
        warning = warning == null ? "" : warning;
    }

    public boolean hasWarning() { return !warning.isEmpty(); }
}

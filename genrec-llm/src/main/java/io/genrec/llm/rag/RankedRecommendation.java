package io.genrec.llm.rag;

import io.genrec.llm.guard.GroundedRanking;
import io.genrec.model.TopK;

/** A recommendation list together with how the LLM contributed to it (for the CLI's warning line and reports). */
public record RankedRecommendation(TopK top, GroundedRanking grounding) {
    /** The one-line warning, or empty. */
    public String warning() { return grounding.warning(); }
}

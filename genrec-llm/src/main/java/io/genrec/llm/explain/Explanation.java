package io.genrec.llm.explain;

/**
 * An explanation shown to the user.
 *
 * @param text    the sentence(s)
 * @param source  who wrote it
 * @param facts   the facts it is based on
 * @param warning one line when the LLM was wanted but not used ("" otherwise)
 */
public record Explanation(String text, Source source, ExplanationFacts facts, String warning) {
    /** Template (deterministic) or LLM-worded. */
    public enum Source { TEMPLATE, LLM }

    public Explanation {
        warning = warning == null ? "" : warning;
    }
}

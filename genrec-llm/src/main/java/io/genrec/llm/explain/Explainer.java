package io.genrec.llm.explain;

/** Explains why {@code item} suits a user with {@code history}. Never throws for LLM outages (programming errors propagate). */
public interface Explainer {
    Explanation explain(int[] history, int item);
}

package io.genrec.llm.llm;

/**
 * Per-request generation settings. Ranking uses temperature 0 so that the same prompt gives the same answer as far
 * as the endpoint allows.
 *
 * @param temperature sampling temperature, {@code >= 0}
 * @param maxTokens   upper bound on generated tokens, {@code >= 1}
 */
public record LlmOptions(double temperature, int maxTokens) {
    public LlmOptions {
        if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }

    /** Deterministic, short answers: what ranking prompts need. */
    public static LlmOptions ranking(int maxTokens) { return new LlmOptions(0.0, maxTokens); }
}

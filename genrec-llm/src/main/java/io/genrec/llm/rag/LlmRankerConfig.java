package io.genrec.llm.rag;

/**
 * Hyperparameters of the LLM re-rankers (recorded in provenance; endpoint and model go to provenance's libraries,
 * the API key nowhere).
 *
 * @param base           name of the recommender that proposes candidates ({@code popularity} = counted locally)
 * @param candidates     how many of the base's best unseen items the LLM re-ranks
 * @param historyItems   how many of the user's most recent items are shown to the LLM
 * @param fewShot        add one worked example to the prompt (few-shot) instead of instructions alone (zero-shot)
 * @param titleThreshold minimum normalised similarity for grounding an answer given as a title
 * @param maxTokens      generation limit per request
 */
public record LlmRankerConfig(String base, int candidates, int historyItems, boolean fewShot, double titleThreshold,
                              int maxTokens) {
    public LlmRankerConfig {
        if (base == null || base.isBlank()) throw new IllegalArgumentException("base must not be blank");
        if (candidates < 1 || candidates > 200) throw new IllegalArgumentException("candidates must be in 1..200, got " + candidates);
        if (historyItems < 0) throw new IllegalArgumentException("historyItems must be >= 0, got " + historyItems);
        if (!(titleThreshold > 0 && titleThreshold <= 1)) throw new IllegalArgumentException("titleThreshold must be in (0,1], got " + titleThreshold);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }

    public static LlmRankerConfig defaults(String base) { return new LlmRankerConfig(base, 20, 20, false, 0.85, 256); }
}

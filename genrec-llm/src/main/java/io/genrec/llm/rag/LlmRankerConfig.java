package io.genrec.llm.rag;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;

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
public record LlmRankerConfig(@Param(internal = true) String base,
                              @Param(min = 1, max = 200, doc = "how many of the base's best unseen items the LLM re-ranks") int candidates,
                              @Param(name = "history", min = 0, doc = "most recent history items shown to the LLM") int historyItems,
                              @Param(aliases = "fewShot", doc = "add one worked example to the prompt") boolean fewShot,
                              @Param(aliases = "titleThreshold", min = 0, minExclusive = true, max = 1,
                                     doc = "minimum similarity for grounding an answer given as a title") double titleThreshold,
                              @Param(aliases = "maxTokens", min = 1, doc = "generation limit per request") int maxTokens) {
    public LlmRankerConfig {
        if (base == null || base.isBlank()) throw new IllegalArgumentException("base must not be blank");
        ConfigBinder.check(LlmRankerConfig.class, base, candidates, historyItems, fewShot, titleThreshold, maxTokens);
    }

    /** A copy with {@code few_shot} set. */
    public LlmRankerConfig withFewShot(boolean f) { return new LlmRankerConfig(base, candidates, historyItems, f, titleThreshold, maxTokens); }

    public static LlmRankerConfig defaults(String base) { return new LlmRankerConfig(base, 20, 20, false, 0.85, 256); }
}

package io.genrec.llm.rag;

import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.llm.guard.CandidateGrounder;
import io.genrec.llm.guard.GroundedRanking;
import io.genrec.llm.guard.PromptBuilder;
import io.genrec.llm.guard.RankingCandidate;
import io.genrec.llm.llm.ChatTurn;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmConfig;
import io.genrec.llm.llm.LlmOptions;
import io.genrec.llm.llm.LlmUnavailableException;
import io.genrec.model.UserContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the LLM to re-order a candidate list and grounds the answer: prompt from the user's recent titles, text and the
 * candidates ({@link PromptBuilder}), answer checked against the candidates ({@link CandidateGrounder}). Without a
 * client, or when the call fails ({@link LlmUnavailableException}: transport, HTTP, time-out, empty answer) or the
 * answer is unusable, the candidates' own order is returned with a one-line warning ("LLM unavailable (timeout after 2
 * attempts); used fallback ranking"). Any other exception is a bug and propagates instead of posing as an outage.
 */
public final class LlmReranker {
    /** The warning when nothing is configured. */
    public static final String NOT_CONFIGURED = "LLM unavailable (no endpoint configured: set " + LlmConfig.ENV_BASE_URL
            + " or " + LlmConfig.ENV_API_KEY + "); used fallback ranking";

    private final Optional<LlmClient> client;
    private final ItemCatalog catalog;
    private final LlmRankerConfig config;
    private final PromptBuilder prompts;
    private final CandidateGrounder grounder;

    public LlmReranker(Optional<LlmClient> client, ItemCatalog catalog, LlmRankerConfig config) {
        this.client = client;
        this.catalog = catalog;
        this.config = config;
        this.prompts = new PromptBuilder(new PromptBuilder.Limits(PromptBuilder.Limits.DEFAULT.maxTitleChars(),
                PromptBuilder.Limits.DEFAULT.maxDescriptionChars(), PromptBuilder.Limits.DEFAULT.maxUserTextChars(),
                config.historyItems()));
        this.grounder = new CandidateGrounder(config.titleThreshold(), PromptBuilder.SYSTEM_PROMPT);
    }

    public boolean hasClient() { return client.isPresent(); }

    /** Endpoint and model, or "none". */
    public String describeClient() { return client.map(LlmClient::describe).orElse("none"); }

    /** Text fields tried, in order, for a candidate's description; otherwise the first text field of the item. */
    static final String[] DESCRIPTION_FIELDS = {"description", "overview", "plot", "summary", "tags"};

    /** The candidate as the LLM sees it: title (or external id), categories, a description if the catalogue has one. */
    public RankingCandidate candidate(int item) {
        Item it = catalog.get(item);
        String description = "";
        for (String f : DESCRIPTION_FIELDS) {
            String v = it.text().get(f);
            if (v != null && !v.isBlank()) { description = v; break; }
        }
        if (description.isEmpty() && !it.text().isEmpty()) description = it.text().values().iterator().next();
        return new RankingCandidate(item, displayTitle(item), it.categories(), description);
    }

    /** {@code candidates} (best first by the base) re-ranked; {@code min(k, size)} items. */
    public GroundedRanking rerank(UserContext user, List<RankingCandidate> candidates, int k) {
        if (candidates.isEmpty()) return CandidateGrounder.fallback(candidates, k, "");
        if (client.isEmpty()) return CandidateGrounder.fallback(candidates, k, NOT_CONFIGURED);
        List<String> history = new ArrayList<>();
        int[] h = user.history();
        for (int i = Math.max(0, h.length - config.historyItems()); i < h.length; i++) {
            if (h[i] >= 0 && h[i] < catalog.size()) history.add(displayTitle(h[i]));
        }
        List<ChatTurn> prompt = prompts.rankingPrompt(history, user.text(), candidates, k, config.fewShot());
        String answer;
        try {
            answer = client.get().complete(prompt, LlmOptions.ranking(config.maxTokens()));
        } catch (LlmUnavailableException e) {
            return CandidateGrounder.fallback(candidates, k, "LLM unavailable (" + e.reason() + "); used fallback ranking");
        }
        return grounder.ground(answer, candidates, k);
    }

    private String displayTitle(int item) {
        Item it = catalog.get(item);
        return it.title().isBlank() ? it.id() : it.title();
    }
}

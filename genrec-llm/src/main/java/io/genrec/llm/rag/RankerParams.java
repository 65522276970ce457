package io.genrec.llm.rag;

import io.genrec.config.Params;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;

import java.util.Optional;

/** Reads the parameters both LLM providers share: {@code candidates}, {@code history}, {@code fewShot}, {@code titleThreshold}, {@code maxTokens}, {@code llm.*}. */
final class RankerParams {
    private RankerParams() { }

    static LlmRankerConfig config(Params p, String base, boolean fewShotDefault) {
        LlmRankerConfig d = LlmRankerConfig.defaults(base);
        return new LlmRankerConfig(base, p.getInt("candidates", d.candidates()), p.getInt("history", d.historyItems()),
                p.getBoolean("fewShot", fewShotDefault), p.getDouble("titleThreshold", d.titleThreshold()),
                p.getInt("maxTokens", d.maxTokens()));
    }

    /** The client from {@code llm.*} parameters over the environment; empty when no endpoint is configured. */
    static Optional<LlmClient> client(Params p) {
        return LlmConfig.fromParams(p, System.getenv()).map(LlmClients::create);
    }
}

package io.genrec.llm.rag;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;

import java.util.Optional;

/** Reads the parameters both LLM providers share: the keys of {@link LlmRankerConfig}, {@code llm.*}. */
final class RankerParams {
    private RankerParams() { }

    static LlmRankerConfig config(Params p, String base, boolean fewShotDefault) {
        return ConfigBinder.bind(LlmRankerConfig.defaults(base).withFewShot(fewShotDefault), p);
    }

    /** The client from {@code llm.*} parameters over the environment; empty when no endpoint is configured. */
    static Optional<LlmClient> client(Params p) {
        return LlmConfig.fromParams(p, System.getenv()).map(LlmClients::create);
    }
}

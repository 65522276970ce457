package io.genrec.cli;

import io.genrec.llm.llm.LlmConfig;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The LLM endpoint of the conversational commands: flags override the {@code OPENAI_*} / {@code GENREC_LLM_*} environment. */
final class LlmEndpointOptions {
    @Option(names = "--llm-base-url", paramLabel = "URL", description = "OpenAI-compatible endpoint root including /v1 (overrides " + LlmConfig.ENV_BASE_URL + ").")
    String baseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name (overrides " + LlmConfig.ENV_MODEL + ").")
    String model;

    /** The configured endpoint, if any. */
    Optional<LlmConfig> config() {
        Map<String, String> overrides = new HashMap<>();
        if (baseUrl != null) overrides.put(LlmConfig.P_BASE_URL, baseUrl);
        if (model != null) overrides.put(LlmConfig.P_MODEL, model);
        return LlmConfig.fromMap(System.getenv(), overrides);
    }
}

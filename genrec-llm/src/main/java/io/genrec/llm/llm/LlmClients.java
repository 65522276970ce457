package io.genrec.llm.llm;

import java.time.Duration;
import java.util.Optional;

/** Builds the standard client stack for a configuration: OpenAI-compatible transport, retries, circuit breaker. */
public final class LlmClients {
    /** Consecutive failures after which calls are skipped for {@link #COOL_DOWN}. */
    static final int BREAKER_THRESHOLD = 3;
    static final Duration COOL_DOWN = Duration.ofSeconds(60);

    private LlmClients() { }

    public static LlmClient create(LlmConfig config) {
        LlmClient transport = LangChainLlmClient.openAi(config);
        LlmClient retrying = new RetryingLlmClient(transport, config.maxRetries(), config.initialBackoff(),
                config.maxBackoff(), RetryingLlmClient.Sleeper.THREAD);
        return new CircuitBreakingLlmClient(retrying, BREAKER_THRESHOLD, COOL_DOWN, System::nanoTime);
    }

    /** The client for the process environment, or empty when no endpoint is configured. */
    public static Optional<LlmClient> fromEnvironment() { return LlmConfig.fromEnvironment().map(LlmClients::create); }
}

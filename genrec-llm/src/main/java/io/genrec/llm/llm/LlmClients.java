package io.genrec.llm.llm;

import java.time.Duration;
import java.util.Optional;

/** Builds the standard client stack for a configuration: OpenAI-compatible transport, retries, circuit breaker, cache. */
public final class LlmClients {
    /** Consecutive failures after which calls are skipped for {@link #COOL_DOWN}. */
    static final int BREAKER_THRESHOLD = 3;
    static final Duration COOL_DOWN = Duration.ofSeconds(60);
    /** Distinct requests whose answers are kept. */
    static final int CACHE_ENTRIES = 10_000;

    private LlmClients() { }

    public static LlmClient create(LlmConfig config) {
        LlmClient transport = LangChainLlmClient.openAi(config);
        LlmClient retrying = new RetryingLlmClient(transport, config.maxRetries(), config.initialBackoff(),
                config.maxBackoff(), RetryingLlmClient.Sleeper.THREAD);
        return new CachingLlmClient(new CircuitBreakingLlmClient(retrying, BREAKER_THRESHOLD, COOL_DOWN, System::nanoTime),
                CACHE_ENTRIES);
    }

    /** The client for the process environment, or empty when no endpoint is configured. */
    public static Optional<LlmClient> fromEnvironment() { return LlmConfig.fromEnvironment().map(LlmClients::create); }
}

package io.genrec.llm.llm;

import java.time.Duration;
import java.util.List;

/**
 * Retries retriable failures of another client with bounded exponential back-off: waits
 * {@code initial, 2·initial, 4·initial, …}, each capped at {@code max}, at most {@code maxRetries} times; a
 * non-retriable failure (bad key, unknown model) is passed on at once. The final exception names the attempts.
 */
public final class RetryingLlmClient implements LlmClient {
    /** How the client waits; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper THREAD = d -> Thread.sleep(d.toMillis());
    }

    private final LlmClient delegate;
    private final int maxRetries;
    private final Duration initial;
    private final Duration max;
    private final Sleeper sleeper;

    public RetryingLlmClient(LlmClient delegate, int maxRetries, Duration initial, Duration max, Sleeper sleeper) {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        this.delegate = delegate;
        this.maxRetries = maxRetries;
        this.initial = initial;
        this.max = max;
        this.sleeper = sleeper;
    }

    /** The wait before retry number {@code retry} (0-based): {@code min(max, initial·2^retry)}. */
    public Duration backoff(int retry) {
        long ms = initial.toMillis() << Math.min(retry, 30);
        return ms < 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
    }

    @Override
    public String complete(List<ChatTurn> messages, LlmOptions options) throws LlmUnavailableException {
        for (int attempt = 0; ; attempt++) {
            try {
                return delegate.complete(messages, options);
            } catch (LlmUnavailableException e) {
                if (!e.retriable() || attempt >= maxRetries) {
                    if (attempt == 0) throw e;
                    throw new LlmUnavailableException(e.reason() + " after " + (attempt + 1) + " attempts", false, e);
                }
                try {
                    sleeper.sleep(backoff(attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LlmUnavailableException("interrupted while waiting to retry", false, ie);
                }
            }
        }
    }

    @Override
    public String describe() { return delegate.describe(); }
}

package io.genrec.llm.llm;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Stops calling an endpoint that keeps failing: after {@code threshold} consecutive failures every call fails at once
 * for {@code coolDown}, then one trial call is let through. Without it, evaluating thousands of users against a dead
 * endpoint would wait for a time-out (and its retries) per user.
 */
public final class CircuitBreakingLlmClient implements LlmClient {
    private final LlmClient delegate;
    private final int threshold;
    private final long coolDownNanos;
    private final LongSupplier clock;
    private int consecutiveFailures;
    private long openUntil;
    private String lastReason = "";

    public CircuitBreakingLlmClient(LlmClient delegate, int threshold, Duration coolDown, LongSupplier nanoClock) {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        this.delegate = delegate;
        this.threshold = threshold;
        this.coolDownNanos = coolDown.toNanos();
        this.clock = nanoClock;
    }

    @Override
    public String complete(List<ChatTurn> messages, LlmOptions options) throws LlmUnavailableException {
        synchronized (this) {
            if (consecutiveFailures >= threshold && clock.getAsLong() - openUntil < 0)
                throw new LlmUnavailableException("skipped after " + consecutiveFailures + " consecutive failures, last: " + lastReason, false);
        }
        try {
            String answer = delegate.complete(messages, options);
            synchronized (this) { consecutiveFailures = 0; }
            return answer;
        } catch (LlmUnavailableException e) {
            synchronized (this) {
                consecutiveFailures++;
                lastReason = e.reason();
                if (consecutiveFailures >= threshold) openUntil = clock.getAsLong() + coolDownNanos;
            }
            throw e;
        }
    }

    @Override
    public String describe() { return delegate.describe(); }
}

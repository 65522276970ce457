package io.genrec.server.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client token buckets: each client (IP address) may make {@code perSecond} requests a second on average and
 * {@code burst} at once. Idle buckets are dropped when the map grows past {@link #MAX_CLIENTS}, so a scan of many
 * addresses cannot grow it without bound.
 */
final class RateLimiter {
    static final int MAX_CLIENTS = 100_000;

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, double burst) {
        if (perSecond <= 0 || burst < 1) throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + perSecond + ", " + burst);
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes a token for {@code client}; false when its bucket is empty. */
    boolean tryAcquire(String client) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) buckets.values().removeIf(b -> b.idleSince(now) > 60e9);
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).take(now, perSecond, burst);
    }

    /** Seconds until {@code client} has a token again (for Retry-After). */
    long retryAfterSeconds() { return Math.max(1, (long) Math.ceil(1 / perSecond)); }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double perSecond, double burst) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }

        synchronized double idleSince(long now) { return now - last; }
    }
}

package io.genrec.server.service;

import io.genrec.data.IdMap;
import io.genrec.model.ItemFilter;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;

import java.time.Duration;

/**
 * Scores stored users' histories through a model before it takes requests. Why: in a fresh JVM a model's scoring code
 * runs interpreted until the JIT compiles it, and the Vector API kernels are then orders of magnitude slower; a SASRec
 * loaded from the model cache answered its first seconds of traffic at 1,000 requests/s so slowly that the backlog
 * pushed p99 to about half a second. A retrained version reuses the same compiled code, so its warm-up is short.
 */
final class ModelWarmUp {
    /** At most this many scorings, and never more than a few per stored user (small stores warm in microseconds). */
    static final int MAX_SCORINGS = 2_000, PER_USER = 4;
    static final Duration MAX_TIME = Duration.ofSeconds(2);

    /** What a warm-up did: scorings run, wall seconds, the first and the last scoring's milliseconds. */
    record Result(int scorings, double seconds, double firstMillis, double lastMillis) { }

    private ModelWarmUp() { }

    /**
     * Scores stored users (strided over {@code users}) exactly as a request would — their history from
     * {@code histories} mapped to the model's ids, cold-start users skipped — and selects each top 10, until
     * {@code maxScorings} attempts or {@code maxTime}.
     */
    static Result run(ServedModel m, IdMap users, UserHistories histories, int maxScorings, Duration maxTime) {
        int n = users.size();
        int budget = (int) Math.min(maxScorings, (long) PER_USER * n);
        long t0 = System.nanoTime(), deadline = t0 + maxTime.toNanos();
        float[] scores = new float[m.model().numItems()];
        int done = 0;
        long first = 0, last = 0;
        // a stride coprime to the user count visits every user before repeating one
        int stride = coprimeStride(n);
        for (int k = 0; k < budget && System.nanoTime() < deadline; k++) {
            String user = users.externalId((int) ((long) k * stride % n));
            long s = System.nanoTime();
            UserHistories.History h = histories.get(user);
            UserContext ctx = m.requestContext(user, h == null ? null : h.mapTo(m.globalToModel()));
            if (ctx == null) continue; // a request would get the cold-start answer, not this model
            m.model().scoreAll(ctx, scores);
            TopK.select(scores, 10, ItemFilter.excluding(ctx.history()));
            last = System.nanoTime() - s;
            if (done++ == 0) first = last;
        }
        return new Result(done, (System.nanoTime() - t0) / 1e9, first / 1e6, last / 1e6);
    }

    private static int coprimeStride(int n) {
        int s = Math.max(1, (int) (n * 0.618));
        while (gcd(s, n) != 1) s++;
        return s;
    }

    private static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
}

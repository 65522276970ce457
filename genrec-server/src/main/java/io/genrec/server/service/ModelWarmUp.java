package io.genrec.server.service;

import io.genrec.data.Dataset;
import io.genrec.model.ItemFilter;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;

import java.time.Duration;
import java.util.Arrays;

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
     * Scores users of {@code data} (strided over all users, histories mapped to the model's item ids through the
     * catalogue, items it does not know left out) and selects each top 10, until {@code maxScorings} or
     * {@code maxTime}.
     */
    static Result run(ServedModel m, Dataset data, Catalog catalog, int maxScorings, Duration maxTime) {
        int users = data.numUsers();
        int budget = (int) Math.min(maxScorings, (long) PER_USER * users);
        long t0 = System.nanoTime(), deadline = t0 + maxTime.toNanos();
        float[] scores = new float[m.model().numItems()];
        int done = 0;
        long first = 0, last = 0;
        // a stride coprime to the user count visits every user before repeating one
        int stride = coprimeStride(users);
        for (int k = 0; k < budget && System.nanoTime() < deadline; k++) {
            int u = (int) ((long) k * stride % users);
            long s = System.nanoTime();
            UserContext ctx = context(m, data, catalog, u);
            // the users a request would send to this model rather than to the cold-start answer
            if (!(m.scoresFromHistory() ? ctx.history().length > 0 || ctx.user() >= 0 : ctx.user() >= 0)) continue;
            m.model().scoreAll(ctx, scores);
            TopK.select(scores, 10, ItemFilter.excluding(ctx.history()));
            last = System.nanoTime() - s;
            if (done++ == 0) first = last;
        }
        return new Result(done, (System.nanoTime() - t0) / 1e9, first / 1e6, last / 1e6);
    }

    /** User {@code u} of {@code data} as the model sees it: its user id (when the model knows it) and mapped history. */
    static UserContext context(ServedModel m, Dataset data, Catalog catalog, int u) {
        int[] items = data.itemsOf(u);
        long[] times = data.timesOf(u);
        float[] values = data.valuesOf(u);
        int n = 0;
        for (int k = 0; k < items.length; k++) { // in place: the arrays are the dataset's copies
            int g = catalog.indexOf(data.itemIds().externalId(items[k]));
            int i = g < 0 ? -1 : m.toModel(g);
            if (i < 0) continue;
            items[n] = i;
            times[n] = times[k];
            values[n++] = values[k];
        }
        return new UserContext(m.userIndex(data.userIds().externalId(u)), Arrays.copyOf(items, n), Arrays.copyOf(times, n),
                "", Arrays.copyOf(values, n));
    }

    private static int coprimeStride(int n) {
        int s = Math.max(1, (int) (n * 0.618));
        while (gcd(s, n) != 1) s++;
        return s;
    }

    private static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
}

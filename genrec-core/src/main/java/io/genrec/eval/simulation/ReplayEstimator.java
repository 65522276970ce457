package io.genrec.eval.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The replay estimator of Li, Chu, Langford and Wang (WSDM 2011, "Unbiased offline evaluation of
 * contextual-bandit-based news article recommendation algorithms"): walk a log collected by a uniformly random
 * logging policy, keep the events where the evaluated policy would have shown the logged item, and average their
 * rewards. With uniform logging this is an unbiased estimate of the policy's per-impression reward.
 */
public final class ReplayEstimator {
    /** One logged impression: the item shown to the user and the observed reward (1 = click). */
    public record Event(int user, int item, double reward) { }

    /** @param value mean reward over matched events (NaN when none matched); @param stdError its standard error */
    public record Estimate(double value, int matched, int total, double stdError) { }

    private ReplayEstimator() { }

    /** @param policy the item the evaluated policy shows to a user (-1 for none) */
    public static Estimate estimate(List<Event> log, IntUnaryOperator policy) {
        int matched = 0;
        double sum = 0, sumSq = 0;
        for (Event e : log) {
            if (policy.applyAsInt(e.user()) != e.item()) continue;
            matched++;
            sum += e.reward();
            sumSq += e.reward() * e.reward();
        }
        if (matched == 0) return new Estimate(Double.NaN, 0, log.size(), Double.NaN);
        double mean = sum / matched;
        double var = matched > 1 ? Math.max(0, (sumSq - matched * mean * mean) / (matched - 1)) : Double.NaN;
        return new Estimate(mean, matched, log.size(), Math.sqrt(var / matched));
    }

    /**
     * A log from the uniformly random logging policy on the simulator: per user, {@code eventsPerUser} impressions of
     * one item drawn uniformly from those the user may be shown ({@code allowed}), shown in position 0.
     */
    public static List<Event> uniformLog(UserSimulator sim, java.util.function.IntFunction<int[]> allowed, int eventsPerUser, long seed) {
        List<Event> log = new ArrayList<>();
        for (int u = 0; u < sim.numUsers(); u++) {
            int[] pool = allowed.apply(u);
            if (pool.length == 0) continue;
            SplittableRandom rng = UserSimulator.rng(seed, 2, 0, u);
            for (int e = 0; e < eventsPerUser; e++) {
                int item = pool[rng.nextInt(pool.length)];
                log.add(new Event(u, item, rng.nextDouble() < sim.clickProbability(u, item, 0) ? 1 : 0));
            }
        }
        return log;
    }
}

package io.genrec.eval;

import java.util.Map;

/**
 * The outcome of one {@link Evaluator#evaluate} run.
 *
 * @param metrics  every requested metric by its spec name (as given, trimmed), in request order: the mean over the
 *                 evaluated users for per-user metrics (users whose value is undefined, NaN, are left out of the
 *                 mean), the aggregate for coverage/gini, the pooled value for rmse/mae
 * @param perUser  per-user values of the ranking and list metrics (not coverage, gini, rmse, mae), aligned with
 *                 {@code users}; NaN where undefined for that user
 * @param users    the evaluated dense user ids, ascending
 * @param numUsers {@code users.length}
 * @param seconds  wall time of the evaluation
 * @param targets  distinct target items over the evaluated users
 * @param excludedTargets          targets that were excluded from the ranking because they are among the user's
 *                                 excluded (seen) items, so no model can hit them (re-consumption: re-listens,
 *                                 re-purchases); 0 when seen items are not excluded
 * @param usersWithExcludedTargets evaluated users with at least one such target
 * @param fallback the users the model served with a substitute ranking, or null when none
 */
public record EvaluationResult(Map<String, Double> metrics, Map<String, double[]> perUser, int[] users, int numUsers,
                               double seconds, long targets, long excludedTargets, int usersWithExcludedTargets,
                               Fallback fallback) {
    public EvaluationResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        perUser = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perUser));
    }

    /** A result without fallbacks. */
    public EvaluationResult(Map<String, Double> metrics, Map<String, double[]> perUser, int[] users, int numUsers, double seconds) {
        this(metrics, perUser, users, numUsers, seconds, 0, 0, 0, null);
    }

    /** The mean (or aggregate) value of {@code spec}; an unknown name is an error listing the computed ones. */
    public double metric(String spec) {
        Double v = metrics.get(spec);
        if (v == null) throw new IllegalArgumentException("metric '" + spec + "' was not computed; computed: " + metrics.keySet());
        return v;
    }
}

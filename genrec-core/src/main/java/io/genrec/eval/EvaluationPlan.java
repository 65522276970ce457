package io.genrec.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one evaluation must compute, derived once from the metric specs. */
final class EvaluationPlan {
    final List<MetricSpec> specs;
    /** Metrics with one value per user, in request order: index into the per-user output arrays. */
    final MetricSpec[] perUser;
    /** Distinct cutoffs of coverage/gini, each with its own exposure counts. */
    final int[] catalogCutoffs;
    /** Longest list any metric looks at: the size of the top-k selection. */
    final int maxK;
    /** Longest ILD list (0 when no ILD). */
    final int ildMaxK;
    final boolean fullRanking;
    final boolean ratings;
    final boolean needsTrain;
    /** True when miscal@k needs the item categories ({@link Calibration}). */
    final boolean calibration;

    EvaluationPlan(List<String> names) {
        if (names == null || names.isEmpty()) throw new IllegalArgumentException("no metrics requested; " + MetricSpec.validForms());
        List<MetricSpec> parsed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String n : names) {
            MetricSpec s = MetricSpec.parse(n);
            if (seen.add(s.name())) parsed.add(s);
        }
        specs = List.copyOf(parsed);
        List<MetricSpec> pu = new ArrayList<>();
        Set<Integer> catalog = new LinkedHashSet<>();
        int max = 0, ild = 0;
        boolean full = false, rating = false, train = false, calib = false;
        for (MetricSpec s : specs) {
            if (s.perUser()) pu.add(s);
            max = Math.max(max, s.listLength());
            full |= s.needsFullRanking();
            switch (s.kind()) {
                case RMSE, MAE -> rating = true;
                case COVERAGE, GINI -> catalog.add(s.k());
                case LONG_TAIL_COVERAGE -> { catalog.add(s.k()); train = true; }
                case NOVELTY, ARP, HEAD_SHARE, MID_SHARE, TAIL_SHARE, POPULARITY_LIFT -> train = true;
                case MISCALIBRATION -> { train = true; calib = true; }
                case ILD -> { train = true; ild = Math.max(ild, s.k()); }
                default -> { }
            }
        }
        perUser = pu.toArray(new MetricSpec[0]);
        catalogCutoffs = catalog.stream().mapToInt(Integer::intValue).toArray();
        maxK = max;
        ildMaxK = ild;
        fullRanking = full;
        ratings = rating;
        needsTrain = train;
        calibration = calib;
    }

    /** True when some metric needs the ranking (everything but rmse/mae). */
    boolean ranks() { return perUser.length > 0 || catalogCutoffs.length > 0; }

    int catalogIndex(int k) {
        for (int c = 0; c < catalogCutoffs.length; c++) if (catalogCutoffs[c] == k) return c;
        throw new IllegalStateException("no catalog cutoff " + k);
    }
}

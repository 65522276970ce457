package io.genrec.experiment;

import io.genrec.eval.stats.PairedComparison;

import java.util.ArrayList;
import java.util.List;

/** Compares every model with the best one on the first per-user metric, pairing users. */
final class Comparisons {
    private Comparisons() { }

    static List<Comparison> againstBest(List<ModelResult> results, List<String> metrics, long seed) {
        List<Comparison> out = new ArrayList<>();
        if (results.size() < 2) return out;
        String metric = null;
        for (String m : metrics) {
            if (results.get(0).perUser().containsKey(m)) { metric = m; break; }
        }
        if (metric == null) return out;
        ModelResult best = results.get(0);
        for (ModelResult r : results) if (r.metrics().get(metric) > best.metrics().get(metric)) best = r;
        for (ModelResult r : results) {
            if (r == best) continue;
            double[] a = r.perUser().get(metric), b = best.perUser().get(metric);
            var c = PairedComparison.compare(a, b, 1000, seed);
            out.add(new Comparison(r.model(), best.model(), metric, c.meanDifference(), c.ciLow(), c.ciHigh(), c.pValue()));
        }
        return out;
    }
}

package io.genrec.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.genrec.eval.Fallback;
import io.genrec.provenance.Provenance;

import java.util.List;
import java.util.Map;

/**
 * One model's row of an experiment (with the validation-set parameter search behind it, if any): mean metric values, timings, peak heap during fit + evaluation (MB, see
 * {@link HeapMeter}), provenance, and (not serialised) the per-user
 * values behind each ranking metric, aligned with {@code users}, for paired comparisons. {@code fallback} says how many
 * users the model served with a substitute ranking (null when none): such a row is not the model's own result.
 */
public record ModelResult(String model, Map<String, Double> metrics, double fitSeconds, double evalSeconds,
                          double peakHeapMb, int evaluatedUsers, Provenance provenance, List<TuningTrial> tuning,
                          @JsonIgnore int[] users, @JsonIgnore Map<String, double[]> perUser, Fallback fallback) {
    /** A result without fallbacks. */
    public ModelResult(String model, Map<String, Double> metrics, double fitSeconds, double evalSeconds, double peakHeapMb,
                       int evaluatedUsers, Provenance provenance, List<TuningTrial> tuning, int[] users, Map<String, double[]> perUser) {
        this(model, metrics, fitSeconds, evalSeconds, peakHeapMb, evaluatedUsers, provenance, tuning, users, perUser, null);
    }
}

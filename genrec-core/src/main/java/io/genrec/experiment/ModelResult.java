package io.genrec.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.genrec.provenance.Provenance;

import java.util.List;
import java.util.Map;

/**
 * One model's row of an experiment (with the validation-set parameter search behind it, if any): mean metric values, timings, peak heap during fit + evaluation (MB, see
 * {@link HeapMeter}), provenance, and (not serialised) the per-user
 * values behind each ranking metric, aligned with {@code users}, for paired comparisons.
 */
public record ModelResult(String model, Map<String, Double> metrics, double fitSeconds, double evalSeconds,
                          double peakHeapMb, int evaluatedUsers, Provenance provenance, List<TuningTrial> tuning,
                          @JsonIgnore int[] users, @JsonIgnore Map<String, double[]> perUser) { }

package io.genrec.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.genrec.provenance.Provenance;

import java.util.Map;

/**
 * One model's row of an experiment: mean metric values, timings, peak heap during fit + evaluation (MB, see
 * {@link HeapMeter}), provenance, and (not serialised) the per-user
 * values behind each ranking metric, aligned with {@code users}, for paired comparisons.
 */
public record ModelResult(String model, Map<String, Double> metrics, double fitSeconds, double evalSeconds,
                          double peakHeapMb, int evaluatedUsers, Provenance provenance,
                          @JsonIgnore int[] users, @JsonIgnore Map<String, double[]> perUser) { }

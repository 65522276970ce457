package io.genrec.experiment;

import java.util.Map;

/** One combination tried in a validation-set parameter search, with its validation score and fit time. */
public record TuningTrial(Map<String, String> params, String metric, double validationScore, double fitSeconds) { }

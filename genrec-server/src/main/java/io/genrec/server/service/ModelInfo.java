package io.genrec.server.service;

import java.util.Map;

/** A served model: its name, version, when it was fitted, its provenance and validation metrics. */
public record ModelInfo(String name, String version, String fittedAt, double fitSeconds,
                        Map<String, Object> provenance, Map<String, Double> validation) { }

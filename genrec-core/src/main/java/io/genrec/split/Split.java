package io.genrec.split;

import io.genrec.data.Dataset;

/**
 * The result of a {@link Splitter}: a training set, an optional validation phase (null when the protocol has none)
 * and a test phase, all over the same id maps. {@code description} names protocol, parameters and seed for
 * provenance, e.g. {@code "leave-one-out(seed=42)"}.
 */
public record Split(Dataset train, EvalSet validation, EvalSet test, String description) { }

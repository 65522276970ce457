package io.genrec.cli;

import io.genrec.data.prep.Preprocessing;
import picocli.CommandLine.Option;

/**
 * The options of every command that loads and preprocesses data. Null means "not given", so a command can lay them
 * over a config file or a saved model's preprocessing; the getters fall back to the given default.
 */
final class DataOptions {
    static final String DEFAULT_DATA = "ml-latest-small";

    @Option(names = "--data", paramLabel = "SPEC", description = {"Data spec: ml-latest-small (bundled, the default), movielens:DIR,",
            "presplit:DIR, sequences:FILE, lcrec:DIR, csv:FILE?user=..&item=..&rating=..&time=.. (see 'genrec data')."})
    String data;

    @Option(names = "--implicit", paramLabel = "auto|none|T", description = "Keep values >= T as positives (default auto: 4 for 1-5 ratings).")
    String implicit;

    @Option(names = "--duplicates", paramLabel = "keep|first|last|sum|max", description = {"Repeated (user, item) pairs: keep them all",
            "(the default), or keep one: the first, the last, the first with the sum of their values, or the one with",
            "the max value. Applied before --implicit."})
    String duplicates;

    String data(String fallback) { return data != null ? data : fallback; }

    String implicit(String fallback) { return implicit != null ? implicit : fallback; }

    /** The --duplicates policy, or {@code fallback} (a policy key) when not given; a bad value names the option and the choices. */
    Preprocessing.DuplicatePolicy duplicates(String fallback) {
        return Preprocessing.DuplicatePolicy.parse(duplicates != null ? duplicates : fallback, "--duplicates");
    }
}

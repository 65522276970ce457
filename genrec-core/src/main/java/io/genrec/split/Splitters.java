package io.genrec.split;

import io.genrec.config.Params;

import java.util.Locale;

/**
 * Creates a {@link Splitter} by protocol name, as used on the command line and in config files. Each protocol's
 * parameters are documented on its {@code fromParams}; unknown parameters are rejected by name.
 */
public final class Splitters {
    /** The protocol names {@link #create} accepts, with their aliases. */
    public static final String KNOWN = "leave-one-out (alias loo), temporal, random-holdout (alias holdout), strong-generalization";

    private Splitters() { }

    /**
     * The splitter for {@code protocol} configured from {@code params}.
     *
     * @throws IllegalArgumentException for an unknown protocol (listing the known ones), a bad or unknown parameter,
     *     or {@code given} (which needs pre-split files, see {@link GivenSplit})
     */
    public static Splitter create(String protocol, Params params) {
        if (protocol == null) throw new IllegalArgumentException("no split protocol given; known: " + KNOWN);
        Splitter splitter = switch (protocol.trim().toLowerCase(Locale.ROOT)) {
            case LeaveOneOutSplitter.NAME, "loo" -> LeaveOneOutSplitter.fromParams(params);
            case TemporalSplitter.NAME -> TemporalSplitter.fromParams(params);
            case RandomHoldoutSplitter.NAME, "holdout" -> RandomHoldoutSplitter.fromParams(params);
            case StrongGeneralizationSplitter.NAME -> StrongGeneralizationSplitter.fromParams(params);
            case GivenSplit.NAME -> throw new IllegalArgumentException("split protocol '" + GivenSplit.NAME
                    + "' reads a fixed split from pre-split files (the data loader creates it as a GivenSplit); "
                    + "it cannot be created from parameters. Protocols that split a dataset: " + KNOWN);
            default -> throw new IllegalArgumentException("unknown split protocol '" + protocol + "'; known: " + KNOWN
                    + ", " + GivenSplit.NAME + " (the split of pre-split data, presplit:DIR)");
        };
        params.requireAllUsed();
        return splitter;
    }
}

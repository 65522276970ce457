package io.genrec.split;

import io.genrec.data.Dataset;

/** An evaluation protocol: turns one dataset into train/validation/test. Same input and seed give the same split. */
public interface Splitter {
    /** The protocol name used on the command line ({@code leave-one-out}, {@code random-holdout}, …). */
    String name();

    Split split(Dataset data, long seed);
}

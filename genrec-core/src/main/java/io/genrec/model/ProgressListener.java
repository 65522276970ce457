package io.genrec.model;

/**
 * Receives progress of long work (fitting, evaluation, loading). {@code total} is -1 when unknown. Called from the
 * working thread; implementations must be cheap and thread safe.
 */
public interface ProgressListener {
    void progress(String stage, long done, long total, String detail);

    ProgressListener NONE = (stage, done, total, detail) -> { };
}

package io.genrec.server.online;

/** The request clashes with existing experiments (an id in use, another one still running): HTTP 409. */
public class ExperimentConflictException extends IllegalStateException {
    public ExperimentConflictException(String message) {
        super(message);
    }
}

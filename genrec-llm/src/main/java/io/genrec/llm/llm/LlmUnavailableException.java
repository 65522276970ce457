package io.genrec.llm.llm;

/**
 * The language model could not give an answer: not configured, unreachable, timed out, rejected the request, or
 * answered with nothing. {@link #reason()} is one short line for the user ("timeout after 2 s"); {@link #retriable()}
 * says whether trying again may help (time-outs, 5xx, 429, refused connections) or not (bad key, unknown model).
 * Checked, so every caller decides on its fallback.
 */
public final class LlmUnavailableException extends Exception {
    private final String reason;
    private final boolean retriable;

    public LlmUnavailableException(String reason, boolean retriable, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
        this.retriable = retriable;
    }

    public LlmUnavailableException(String reason, boolean retriable) { this(reason, retriable, null); }

    public String reason() { return reason; }

    public boolean retriable() { return retriable; }
}

package io.genrec.model;

import java.util.Optional;

/**
 * Implemented by fitted models that can degrade (an LLM that was unreachable, a fallback ranking used), so callers
 * can tell the user in one line instead of failing.
 */
public interface WarningSource {
    /** The warning of the most recent request on the calling thread, if that request degraded. */
    Optional<String> lastWarning();
}

package io.genrec.llm.llm;

import java.util.List;

/**
 * The narrow port through which GenRec talks to a chat language model: messages in, text out. Recommenders depend on
 * this interface only, so tests use a scripted local server or a lambda, and the endpoint can be anything
 * OpenAI-compatible. Implementations must be safe for concurrent calls.
 */
@FunctionalInterface
public interface LlmClient {
    /** The model's answer text; throws when no usable answer could be obtained. */
    String complete(List<ChatTurn> messages, LlmOptions options) throws LlmUnavailableException;

    /** A short description for provenance and warnings (endpoint and model, never the key). */
    default String describe() { return "llm"; }
}

package io.genrec.server.service;

import java.util.List;

/**
 * Why {@code model} recommends {@code item} to {@code user}: a sentence, and the history items that support it
 * (most influential first). {@code generatedBy} names the method ({@code item-similarity}, {@code llm}, …).
 */
public record Explanation(String user, String item, String model, String text, List<String> becauseOf, String generatedBy) { }

package io.genrec.llm.crs;

import java.util.List;

/**
 * One answer of the chat: the text, the grounded catalogue items with reasons, whether a fallback recommender answered,
 * and who wrote the text ({@code template}, {@code llm}, or {@code template (LLM reply rejected)}).
 */
public record ChatReply(String session, String reply, List<Item> items, boolean fallback, String replyBy) {
    public ChatReply { items = List.copyOf(items); }

    /** A template-written reply. */
    public ChatReply(String session, String reply, List<Item> items, boolean fallback) { this(session, reply, items, fallback, "template"); }

    public ChatReply withReply(String text, String by) { return new ChatReply(session, text, items, fallback, by); }

    /** A recommended catalogue item: its data-set id, display title and the reason given. */
    public record Item(String item, String title, String reason) { }
}

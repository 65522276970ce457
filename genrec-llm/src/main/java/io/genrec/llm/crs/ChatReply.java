package io.genrec.llm.crs;

import java.util.List;

/** One answer of the chat: the text, the grounded catalogue items with reasons, and whether a fallback answered. */
public record ChatReply(String session, String reply, List<Item> items, boolean fallback) {
    public ChatReply { items = List.copyOf(items); }

    /** A recommended catalogue item: its data-set id, display title and the reason given. */
    public record Item(String item, String title, String reason) { }
}
